/**
 * Errors the application raises on purpose. Each carries an HTTP status, a stable id that
 * clients may rely on, and a Vietnamese message fit to show to the user as it is.
 */
export interface FieldIssue {
  /** dotted path of the offending field, e.g. `units[3].parent` or `name` */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503 | 507,
    readonly id: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (issues: FieldIssue[], message?: string): AppError =>
  new AppError(
    422,
    'validation_error',
    message ?? issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join('; '),
    issues,
  );

export const fieldError = (field: string, message: string): AppError =>
  badInput([{ field, message }]);

export const notFound = (message = 'Không tìm thấy trang hoặc dữ liệu yêu cầu.'): AppError =>
  new AppError(404, 'not_found', message);

export const unauthorized = (message = 'Cần đăng nhập để tiếp tục.'): AppError =>
  new AppError(401, 'unauthorized', message);

export const conflict = (message: string, field?: string): AppError =>
  new AppError(409, 'conflict', message, field ? [{ field, message }] : []);

export const tooManyRequests = (
  message = 'Quá nhiều lần thử không thành công. Vui lòng thử lại sau ít phút.',
): AppError => new AppError(429, 'rate_limited', message);
