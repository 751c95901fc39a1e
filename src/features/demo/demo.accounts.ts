/**
 * The demo's people, one per kind of user of DESIGN §1 beside the admin, the appraisers and the
 * council: a ward officer of Bồ Đề, an officer of the district's Ban Dân vận, a member of the
 * standing committee who supervises two wards (a viewer at the district, named as on the
 * leaders' page) and a portal editor. They share the admin's password, and have addresses
 * under the reserved domain .example (RFC 2606): with KHEO_SMTP_URL pointing at a mail server on
 * one's own machine, the demo's e-mail can be watched arriving without reaching anyone.
 */
import type { Tx } from '../../db/index.js';
import { createUser } from '../accounts/accounts.service.js';
import { systemActor, type Role } from '../../policy/policy.js';
import { DEMO_ROOT, wardCode } from './demo.data.js';
import { DEMO_LEADERS } from './demo.meetings.js';

/**
 * The district officer's unit is the district itself, not the Ban Dân vận (LB-BDV, under the
 * Quận ủy): a role counts inside the subtree of the user's unit, and the Ban Dân vận approves the
 * wards' models and reports, which lie under the district.
 */
export const DEMO_PEOPLE: { username: string; fullName: string; unit: string; roles: Role[]; who: string }[] = [
  { username: 'canbo.bode', fullName: 'Nguyễn Thị Thu Trang', unit: wardCode('Bồ Đề'), roles: ['officer'], who: 'cán bộ Khối vận phường Bồ Đề' },
  { username: 'bandanvan.quan', fullName: 'Trần Văn Dân', unit: DEMO_ROOT, roles: ['officer'], who: 'cán bộ Ban Dân vận Quận ủy' },
  { username: 'uvtv1', fullName: DEMO_LEADERS[0]!, unit: DEMO_ROOT, roles: ['viewer'], who: 'Ủy viên Ban Thường vụ Quận ủy phụ trách phường Bồ Đề, Cự Khối' },
  { username: 'bientap', fullName: 'Phạm Minh Ngọc', unit: DEMO_ROOT, roles: ['editor'], who: 'biên tập viên cổng thông tin' },
];

export async function loadDemoAccounts(trx: Tx, password: string): Promise<void> {
  const actor = systemActor('demo');
  for (const { who: _who, ...p } of DEMO_PEOPLE) await createUser(trx, { actor, input: { ...p, password, email: `${p.username}@longbien.example` } });
}
