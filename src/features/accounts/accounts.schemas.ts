import { z, zCode, zText, type Labels } from '../../lib/validation.js';
import { ROLES } from '../../policy/policy.js';

export const accountLabels: Labels = {
  username: 'Tên đăng nhập',
  fullName: 'Họ và tên',
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
});

export const ZUpdateUser = z.object({
  fullName: zText(200),
  unit: zCode(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
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
  unit: z.string(),
  unitName: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
export type PresentedUser = z.infer<typeof UserOut>;
