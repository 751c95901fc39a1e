import { z, zCode, zText, type Labels } from '../../lib/validation.js';
import { ROLES } from '../../policy/policy.js';

export const accountLabels: Labels = {
  username: 'Tên đăng nhập',
  fullName: 'Họ và tên',
  email: 'Thư điện tử',
  unit: 'Đơn vị',
  roles: 'Vai trò',
  password: 'Mật khẩu',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  confirmPassword: 'Nhập lại mật khẩu mới',
  name: 'Tên khóa',
};

export const zUsername = () =>
  z
    .string()
    .overwrite((s) => s.normalize('NFC').trim().toLowerCase())
    .min(3)
    .max(64)
    .regex(/^[a-z0-9._-]+$/, { message: 'chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới' });

const zPassword = () => z.string().min(1).max(1024);

/** A simple, strict shape: something@domain.tld, no spaces, no display name. */
const EMAIL = /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/;

/** Where a user's e-mail goes: an address (lower-cased, NFC), or nothing — an empty box clears it. */
export const zEmail = () =>
  z
    .string()
    .overwrite((s) => s.normalize('NFC').trim().toLowerCase())
    .max(254)
    .refine((s) => s === '' || EMAIL.test(s), { message: 'không phải địa chỉ thư điện tử hợp lệ, ví dụ canbo@longbien.gov.vn' })
    .transform((s) => (s === '' ? null : s));

/** One's own address (the account page, the API): set after confirmation by a link; empty clears it. */
export const ZOwnEmail = z.strictObject({ email: zEmail() });

export const ZLogin = z.object({
  username: z.string().overwrite((s) => s.normalize('NFC').trim().toLowerCase()).min(1).max(200),
  password: zPassword(),
});

export const ZCreateUser = z.object({
  username: zUsername(),
  fullName: zText(200),
  unit: zCode(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  password: zPassword(),
  email: zEmail().nullish(),
});

export const ZUpdateUser = z.object({
  fullName: zText(200),
  unit: zCode(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  /** left out: kept as it is; empty or null: cleared */
  email: zEmail().nullish(),
});

export const ZChangePassword = z
  .object({
    currentPassword: zPassword(),
    newPassword: zPassword(),
    confirmPassword: zPassword(),
  })
  .refine((d) => d.newPassword === d.confirmPassword, {
    path: ['confirmPassword'],
    message: 'không khớp với mật khẩu mới',
  });

export const ZSetPassword = z.object({ password: zPassword() });

export const UserOut = z.object({
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  unit: z.string(),
  unitName: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
export type PresentedUser = z.infer<typeof UserOut>;
