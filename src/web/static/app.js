// Small progressive enhancements; every page works without this file.
// Loaded in <head> without `defer`: the reader's saved font size and contrast are put on <html>
// before the first paint (no flash of the default look); everything that needs the page waits
// for DOMContentLoaded. No inline script, no eval, no inline style (the CSP forbids them).
(function () {
  'use strict';
  var root = document.documentElement;

  // ————————————————————————————————————————— reader tools: font size and contrast
  // Classes on <html>: font-step--1 … font-step-3 (see app.css), and contrast.
  var FONT_KEY = 'kheo.fontStep';
  var CONTRAST_KEY = 'kheo.contrast';
  var STEPS = [-1, 0, 1, 2, 3];
  var PERCENT = { '-1': '87,5', 0: '100', 1: '112,5', 2: '125', 3: '150' };

  function load(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null; // storage disabled: the choice lasts for this page only
    }
  }
  function save(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) {
      /* storage disabled or full */
    }
  }
  function savedStep() {
    var n = parseInt(load(FONT_KEY) || '0', 10);
    return STEPS.indexOf(n) >= 0 ? n : 0;
  }
  function applyStep(step) {
    for (var i = 0; i < STEPS.length; i++) root.classList.remove('font-step-' + STEPS[i]);
    if (step) root.classList.add('font-step-' + step);
  }
  function applyContrast(on) {
    root.classList.toggle('contrast', on);
  }

  var step = savedStep();
  root.classList.add('js');
  applyStep(step);
  applyContrast(load(CONTRAST_KEY) === '1');

  function wireReaderTools() {
    var box = document.querySelector('.reader-tools');
    if (!box) return;
    var smaller = box.querySelector('[data-reader="smaller"]');
    var larger = box.querySelector('[data-reader="larger"]');
    var contrast = box.querySelector('[data-reader="contrast"]');
    var status = document.createElement('span');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    box.appendChild(status);

    function refresh() {
      // aria-disabled, not disabled: a disabled button would drop the keyboard focus
      if (smaller) smaller.setAttribute('aria-disabled', String(step === STEPS[0]));
      if (larger) larger.setAttribute('aria-disabled', String(step === STEPS[STEPS.length - 1]));
      if (contrast) contrast.setAttribute('aria-pressed', String(root.classList.contains('contrast')));
    }
    function setStep(next) {
      if (STEPS.indexOf(next) < 0) return;
      step = next;
      applyStep(step);
      save(FONT_KEY, step ? String(step) : null);
      status.textContent = 'Cỡ chữ ' + PERCENT[step] + '%';
      refresh();
    }

    box.addEventListener('click', function (e) {
      var b = e.target instanceof Element ? e.target.closest('button[data-reader]') : null;
      if (!b) return;
      var what = b.getAttribute('data-reader');
      if (what === 'smaller') setStep(step - 1);
      else if (what === 'larger') setStep(step + 1);
      else if (what === 'contrast') {
        var on = !root.classList.contains('contrast');
        applyContrast(on);
        save(CONTRAST_KEY, on ? '1' : null);
        status.textContent = on ? 'Đã bật chế độ tương phản cao' : 'Đã tắt chế độ tương phản cao';
        refresh();
      }
    });
    // another tab changed the choice: follow it
    window.addEventListener('storage', function (e) {
      if (e.key === FONT_KEY) {
        step = savedStep();
        applyStep(step);
      } else if (e.key === CONTRAST_KEY) applyContrast(e.newValue === '1');
      else return;
      refresh();
    });
    box.hidden = false;
    refresh();
  }

  // ————————————————————————————————————————— rich-text editor for <textarea data-rich-editor>
  // A toolbar and a contenteditable area kept in sync with the textarea, which stays the field
  // the form submits (and, without this file, a plain textarea of HTML). The server sanitises
  // what it receives; the editor only keeps pasted and typed markup tidy.

  var ALLOWED = {
    P: [], BR: [], H2: [], H3: [], H4: [], STRONG: [], B: [], EM: [], I: [], U: [], S: [], SUB: [], SUP: [],
    BLOCKQUOTE: [], UL: [], OL: ['start'], LI: [], A: ['href', 'title'], IMG: ['src', 'alt', 'width', 'height'],
    FIGURE: [], FIGCAPTION: [], TABLE: [], CAPTION: [], THEAD: [], TBODY: [], TFOOT: [], TR: [],
    TH: ['colspan', 'rowspan', 'scope'], TD: ['colspan', 'rowspan'], HR: [],
  };
  var DROP = { SCRIPT: 1, STYLE: 1, TEMPLATE: 1, IFRAME: 1, OBJECT: 1, EMBED: 1, NOSCRIPT: 1, META: 1, LINK: 1, TITLE: 1, HEAD: 1, SVG: 1, MATH: 1, FORM: 1, INPUT: 1, BUTTON: 1, SELECT: 1, TEXTAREA: 1 };
  var RENAME = { H1: 'h2', H5: 'h4', H6: 'h4', DIV: 'p' };
  var SAFE_URL = /^(https?:|mailto:|tel:|\/(?!\/)|#)/i;

  /** Markup parsed in an inert document (no scripts run, nothing loads) and kept to the allow-list. */
  function tidy(html) {
    var inert = document.createElement('template'); // its content belongs to a document without a window
    inert.innerHTML = html;
    var out = document.createDocumentFragment();
    copyChildren(inert.content, out);
    return out;
  }
  function copyChildren(from, to) {
    for (var n = from.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) to.appendChild(document.createTextNode(n.nodeValue));
      else if (n.nodeType === 1) copyElement(n, to);
    }
  }
  function copyElement(el, to) {
    var tag = el.tagName.toUpperCase();
    if (DROP[tag]) return;
    var name = RENAME[tag] || (ALLOWED[tag] ? tag.toLowerCase() : null);
    if (!name) {
      copyChildren(el, to); // unknown wrapper (span, font, o:p…): keep its content
      return;
    }
    var copy = document.createElement(name);
    var keep = ALLOWED[name.toUpperCase()] || [];
    for (var i = 0; i < keep.length; i++) {
      var v = el.getAttribute(keep[i]);
      if (v === null) continue;
      if ((keep[i] === 'href' || keep[i] === 'src') && !SAFE_URL.test(v.trim())) continue;
      copy.setAttribute(keep[i], v);
    }
    copyChildren(el, copy);
    if (name === 'img' && !copy.getAttribute('src')) return;
    to.appendChild(copy);
  }

  var TOOLS = [
    { id: 'bold', label: 'Đậm', hint: 'Ctrl+B', state: true },
    { id: 'italic', label: 'Nghiêng', hint: 'Ctrl+I', state: true },
    { id: 'heading', label: 'Tiêu đề', block: 'h2' },
    { id: 'insertUnorderedList', label: 'Danh sách', state: true },
    { id: 'insertOrderedList', label: 'Danh sách số', state: true },
    { id: 'quote', label: 'Trích dẫn', block: 'blockquote' },
    { id: 'link', label: 'Liên kết' },
    { id: 'clear', label: 'Bỏ định dạng' },
    { id: 'source', label: 'Xem mã HTML' },
  ];

  var editors = 0;

  function makeEditor(textarea) {
    if (textarea.getAttribute('data-rich-editor') === 'ready') return;
    textarea.setAttribute('data-rich-editor', 'ready');
    var n = ++editors;
    if (!textarea.id) textarea.id = 'rich-editor-' + n;
    var field = textarea.closest('.field') || textarea.parentNode;
    var label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label && !label.id) label.id = textarea.id + '-label';

    var box = document.createElement('div');
    box.className = 'rte';
    var bar = document.createElement('div');
    bar.className = 'rte-toolbar';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Định dạng' + (label ? ': ' + label.textContent.trim() : ''));
    bar.setAttribute('aria-controls', textarea.id + '-area');
    var area = document.createElement('div');
    area.className = 'rte-area article-body';
    area.id = textarea.id + '-area';
    area.contentEditable = 'true';
    area.setAttribute('role', 'textbox');
    area.setAttribute('aria-multiline', 'true');
    if (label) area.setAttribute('aria-labelledby', label.id);
    var described = [];
    var notes = field.querySelectorAll ? field.querySelectorAll('.hint, .field-error') : [];
    for (var i = 0; i < notes.length; i++) {
      if (!notes[i].id) notes[i].id = textarea.id + '-note-' + i;
      described.push(notes[i].id);
    }
    if (described.length) area.setAttribute('aria-describedby', described.join(' '));
    if (textarea.getAttribute('aria-invalid')) area.setAttribute('aria-invalid', textarea.getAttribute('aria-invalid'));

    var buttons = {};
    TOOLS.forEach(function (t, k) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'rte-' + t.id;
      b.textContent = t.label;
      b.setAttribute('data-tool', t.id);
      b.tabIndex = k === 0 ? 0 : -1; // one tab stop; arrow keys move inside the toolbar
      if (t.hint) b.title = t.label + ' (' + t.hint + ')';
      if (t.state || t.block || t.id === 'source') b.setAttribute('aria-pressed', 'false');
      buttons[t.id] = b;
      bar.appendChild(b);
    });

    textarea.parentNode.insertBefore(box, textarea);
    box.appendChild(bar);
    box.appendChild(area);
    box.appendChild(textarea);
    textarea.classList.add('rte-html');
    textarea.setAttribute('spellcheck', 'false');

    var source = false;
    function fromTextarea() {
      area.textContent = '';
      area.appendChild(tidy(textarea.value));
      if (!area.firstChild) area.innerHTML = '<p><br></p>';
    }
    // What Chrome's editing commands leave behind that no article should hold: lists and quotes
    // nested in a <p>, and <span style> (the CSP refuses to apply it; the server drops it).
    function normalise() {
      var sel = window.getSelection();
      var node = sel && sel.rangeCount && inArea(sel.anchorNode) ? sel.anchorNode : null;
      var offset = sel ? sel.anchorOffset : 0;
      var changed = false;
      var spans = area.querySelectorAll('span, font');
      for (var i = spans.length - 1; i >= 0; i--) {
        var sp = spans[i];
        while (sp.firstChild) sp.parentNode.insertBefore(sp.firstChild, sp);
        sp.parentNode.removeChild(sp);
        changed = true;
      }
      var styled = area.querySelectorAll('[style]');
      for (var k = 0; k < styled.length; k++) styled[k].removeAttribute('style');
      var ps = area.querySelectorAll('p');
      for (var j = ps.length - 1; j >= 0; j--) {
        var p = ps[j];
        if (!p.querySelector(':scope > :is(ul, ol, blockquote, h2, h3, h4, p, table, figure, hr)')) continue;
        var run = null;
        while (p.firstChild) {
          var c = p.firstChild;
          if (c.nodeType === 1 && /^(UL|OL|BLOCKQUOTE|H2|H3|H4|P|TABLE|FIGURE|HR)$/.test(c.tagName)) {
            p.parentNode.insertBefore(c, p);
            run = null;
          } else if (c.nodeType === 3 && !c.nodeValue.trim() && !run) {
            p.removeChild(c);
          } else {
            if (!run) {
              run = document.createElement('p');
              p.parentNode.insertBefore(run, p);
            }
            run.appendChild(c);
          }
        }
        p.parentNode.removeChild(p);
        changed = true;
      }
      // text and inline elements straight in the area (left by outdent or a paste) go into a <p>
      var loose = null;
      for (var n = area.firstChild; n; ) {
        var next = n.nextSibling;
        var block = n.nodeType === 1 && /^(UL|OL|BLOCKQUOTE|H2|H3|H4|P|TABLE|FIGURE|HR|DIV)$/.test(n.tagName);
        if (block || (n.nodeType === 3 && !n.nodeValue.trim() && !loose)) loose = null;
        else if (n.nodeType === 1 || n.nodeType === 3) {
          if (!loose) {
            loose = document.createElement('p');
            area.insertBefore(loose, n);
          }
          loose.appendChild(n);
          changed = true;
          if (n.nodeName === 'BR' && loose.childNodes.length > 1) loose = null;
        }
        n = next;
      }
      if (changed && node && area.contains(node)) {
        var max = node.nodeType === 3 ? node.nodeValue.length : node.childNodes.length;
        sel.collapse(node, Math.min(offset, max));
      }
    }
    function toTextarea() {
      normalise();
      var empty = !area.textContent.trim() && !area.querySelector('img, hr, table');
      textarea.value = empty ? '' : area.innerHTML.replace(/(<p><br><\/p>)+$/, '').replace(/(<\/[a-z0-9]+>|[^\s;>])&nbsp;(?=[^\s&<])/g, '$1 ').trim();
    }
    fromTextarea();
    textarea.hidden = true;

    function inArea(node) {
      return node && (node === area || area.contains(node));
    }
    function currentBlock() {
      var v = String(document.queryCommandValue('formatBlock') || '').toLowerCase();
      return v.replace(/[<>]/g, '');
    }
    function refresh() {
      if (source) return;
      var sel = window.getSelection();
      if (!sel || !inArea(sel.anchorNode)) return;
      var block = currentBlock();
      TOOLS.forEach(function (t) {
        if (t.state) buttons[t.id].setAttribute('aria-pressed', String(document.queryCommandState(t.id)));
        else if (t.block) buttons[t.id].setAttribute('aria-pressed', String(block === t.block || (t.block === 'blockquote' && !!closest(sel.anchorNode, 'blockquote'))));
      });
    }
    function closest(node, selector) {
      var el = node && (node.nodeType === 1 ? node : node.parentElement);
      var found = el && el.closest(selector);
      return found && inArea(found) ? found : null;
    }
    function exec(cmd, value) {
      document.execCommand(cmd, false, value === undefined ? null : value);
    }
    function link() {
      var sel = window.getSelection();
      var current = sel ? closest(sel.anchorNode, 'a') : null;
      var answer = window.prompt('Địa chỉ liên kết (https://… hoặc đường dẫn bắt đầu bằng /). Để trống để bỏ liên kết:', current ? current.getAttribute('href') : 'https://');
      if (answer === null) return;
      var url = answer.trim();
      if (!url || url === 'https://') {
        if (current) {
          var r = document.createRange();
          r.selectNodeContents(current);
          sel.removeAllRanges();
          sel.addRange(r);
        }
        exec('unlink');
        return;
      }
      if (!SAFE_URL.test(url)) url = /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(url) ? 'https://' + url : null;
      if (!url) {
        window.alert('Địa chỉ không hợp lệ: hãy dùng https://…, mailto:… hoặc đường dẫn bắt đầu bằng /.');
        return;
      }
      if (sel && sel.isCollapsed && !current) {
        var a = document.createElement('a');
        a.href = url;
        a.textContent = url;
        exec('insertHTML', a.outerHTML);
      } else exec('createLink', url);
    }
    function run(id) {
      area.focus();
      exec('styleWithCSS', false); // tags, never style attributes (the CSP would drop them)
      switch (id) {
        case 'bold':
        case 'italic':
        case 'insertUnorderedList':
        case 'insertOrderedList':
          exec(id);
          break;
        case 'heading':
          exec('formatBlock', currentBlock() === 'h2' ? 'p' : 'h2');
          break;
        case 'quote':
          var sel = window.getSelection();
          if (sel && closest(sel.anchorNode, 'blockquote')) exec('outdent');
          else exec('formatBlock', 'blockquote');
          break;
        case 'link':
          link();
          break;
        case 'clear':
          exec('removeFormat');
          exec('unlink');
          if (/^h\d$|^blockquote$/.test(currentBlock())) exec('formatBlock', 'p');
          break;
        default:
          return;
      }
      toTextarea();
      refresh();
    }
    function toggleSource() {
      source = !source;
      if (source) {
        toTextarea();
        area.hidden = true;
        textarea.hidden = false;
        textarea.focus();
      } else {
        fromTextarea();
        toTextarea();
        textarea.hidden = true;
        area.hidden = false;
        area.focus();
      }
      buttons.source.setAttribute('aria-pressed', String(source));
      TOOLS.forEach(function (t) {
        if (t.id !== 'source') buttons[t.id].disabled = source;
      });
      bar.setAttribute('aria-controls', source ? textarea.id : area.id);
    }

    // toolbar buttons keep the selection in the area: act on mousedown without taking focus
    bar.addEventListener('mousedown', function (e) {
      var b = e.target instanceof Element ? e.target.closest('button') : null;
      if (b && b.getAttribute('data-tool') !== 'source' && !source) e.preventDefault();
    });
    bar.addEventListener('click', function (e) {
      var b = e.target instanceof Element ? e.target.closest('button[data-tool]') : null;
      if (!b || b.disabled) return;
      var id = b.getAttribute('data-tool');
      if (id === 'source') toggleSource();
      else run(id);
    });
    bar.addEventListener('keydown', function (e) {
      var list = Array.prototype.filter.call(bar.querySelectorAll('button'), function (b) {
        return !b.disabled;
      });
      var at = list.indexOf(document.activeElement);
      if (at < 0) return;
      var to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? list.length - 1 : null;
      if (to === null) return;
      e.preventDefault();
      to = (to + list.length) % list.length;
      list.forEach(function (b) {
        b.tabIndex = -1;
      });
      list[to].tabIndex = 0;
      list[to].focus();
    });
    area.addEventListener('focus', function () {
      exec('defaultParagraphSeparator', 'p');
    });
    area.addEventListener('input', toTextarea);
    area.addEventListener('paste', function (e) {
      var data = e.clipboardData;
      if (!data) return;
      var html = data.getData('text/html');
      if (!html) return; // plain text: the browser inserts it as text
      e.preventDefault();
      var holder = document.createElement('div');
      holder.appendChild(tidy(html));
      exec('insertHTML', holder.innerHTML);
      toTextarea();
    });
    area.addEventListener('keyup', refresh);
    area.addEventListener('mouseup', refresh);
    document.addEventListener('selectionchange', refresh);
    if (label) {
      label.addEventListener('click', function (e) {
        if (source) return;
        e.preventDefault();
        area.focus();
      });
    }
    var form = textarea.form;
    if (form) {
      form.addEventListener('submit', function () {
        if (!source) toTextarea();
      }, true);
      form.addEventListener('reset', function () {
        setTimeout(fromTextarea, 0);
      });
    }
  }

  // ————————————————————————————————————————— forms
  // Forms with data-confirm ask before submitting (no inline handlers: the CSP forbids them).
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      e.preventDefault();
    }
  });

  // ————————————————————————————————————————— character counters
  // Inputs with data-max show "12/300 ký tự" in <p data-count-for=id> (rendered by the server;
  // layout.tsx charCountText has the same wording). No maxlength: the browser would cut pasted
  // text silently; over-limit text stays visible and the server refuses it, naming the field.
  function formatCount(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  }
  function updateCount(input) {
    var max = parseInt(input.getAttribute('data-max') || '', 10);
    if (!max || !input.id) return;
    var out = document.querySelector('[data-count-for="' + input.id + '"]');
    if (!out) return;
    var len = String(input.value || '').normalize('NFC').trim().length;
    var over = len > max;
    out.textContent = over
      ? formatCount(len) + '/' + formatCount(max) + ' ký tự — quá ' + formatCount(len - max) + ' ký tự, cần rút gọn'
      : formatCount(len) + '/' + formatCount(max) + ' ký tự';
    out.classList.toggle('over', over);
  }
  document.addEventListener('input', function (e) {
    var t = e.target;
    if (t instanceof Element && t.hasAttribute('data-max')) updateCount(t);
  });
  function countersIn(root) {
    var inputs = root.querySelectorAll ? root.querySelectorAll('[data-max]') : [];
    for (var i = 0; i < inputs.length; i++) updateCount(inputs[i]);
  }
  document.addEventListener('htmx:load', function (e) {
    if (e.target instanceof Element) countersIn(e.target);
  });

  // ————————————————————————————————————————— filter box over a list of checkboxes
  // <p hidden><input type="search" data-filter-list="list-id"></p>: shown only when this file
  // runs; typing hides the list items whose text does not contain the words, with or without
  // diacritics (đ → d). Ticked boxes stay visible, so a choice is never hidden from view.
  function fold(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }
  function wireFilters(root) {
    var boxes = root.querySelectorAll ? root.querySelectorAll('input[data-filter-list]') : [];
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var wrap = box.closest('[hidden]');
      if (wrap) wrap.hidden = false;
    }
  }
  document.addEventListener('input', function (e) {
    var box = e.target;
    if (!(box instanceof HTMLInputElement) || !box.hasAttribute('data-filter-list')) return;
    var target = document.getElementById(box.getAttribute('data-filter-list') || '');
    if (!target) return;
    var words = fold(box.value).split(/\s+/).filter(Boolean);
    var items = target.querySelectorAll('li');
    for (var i = 0; i < items.length; i++) {
      var text = fold(items[i].textContent || '');
      var ticked = items[i].querySelector('input:checked');
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      items[i].hidden = !(match || ticked);
    }
  });
  document.addEventListener('keydown', function (e) {
    // Enter in a filter box filters; it does not submit the form around it
    if (e.key === 'Enter' && e.target instanceof Element && e.target.hasAttribute('data-filter-list')) e.preventDefault();
  });
  document.addEventListener('htmx:load', function (e) {
    if (e.target instanceof Element) wireFilters(e.target);
  });

  function editorsIn(root) {
    var areas = root.querySelectorAll ? root.querySelectorAll('textarea[data-rich-editor]') : [];
    for (var i = 0; i < areas.length; i++) makeEditor(areas[i]);
  }
  // content htmx swaps in gets its editors too
  document.addEventListener('htmx:load', function (e) {
    if (e.target instanceof Element) editorsIn(e.target);
  });

  document.addEventListener('DOMContentLoaded', function () {
    wireReaderTools();
    editorsIn(document);
    wireFilters(document);
    countersIn(document); // values the browser restored (back button) get their counts
    // Move focus to the error summary so screen readers and keyboards land on it.
    var summary = document.querySelector('.error-summary');
    if (summary) summary.focus();
  });
})();
