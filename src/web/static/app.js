// Small progressive enhancements; every page works without this file.
(function () {
  'use strict';
  // Forms with data-confirm ask before submitting (no inline handlers: the CSP forbids them).
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      e.preventDefault();
    }
  });
  // Move focus to the error summary so screen readers and keyboards land on it.
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('.error-summary');
    if (summary) summary.focus();
  });
})();
