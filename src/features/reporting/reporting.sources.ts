/**
 * Indicators filled from live data instead of typed (DHIS2's "derived" data elements): each
 * counts, for a unit's subtree and a period, what another module already records.
 */
export const LIVE_SOURCES: Record<string, string> = {
  'models.registered': 'Mô hình "Dân vận khéo" đăng ký trong kỳ',
  'models.updated': 'Mô hình có cập nhật tiến độ trong kỳ',
  'teams.count': 'Số tổ (Covid cộng đồng, dân vận…) đang hoạt động cuối kỳ',
  'teams.members': 'Số thành viên các tổ cuối kỳ',
  'clearance.dialogues': 'Buổi đối thoại với hộ dân (GPMB) trong kỳ',
  'clearance.paid': 'Tiền bồi thường đã chi trả trong kỳ (đồng)',
  'issues.raised': 'Vấn đề phát sinh, khó khăn vướng mắc được ghi nhận trong kỳ',
  'issues.resolved': 'Vấn đề phát sinh đã được giải quyết trong kỳ',
  'issues.open': 'Vấn đề phát sinh còn chờ giải quyết cuối kỳ',
};

/** Sources that count what stands at the end of the period, not what happened in it. */
export const STOCK_SOURCES = new Set(['teams.count', 'teams.members', 'issues.open']);
