import type { Counter, Office, Officer, Role } from '../domain';
import { DEMO_VERIFIERS } from './verifiers';

/**
 * The demo office for a first run with no provisioning, so a newcomer can try every step at once.
 * Pure data shared by the counter app (renderer/demo seeds its local replica) and the provincial
 * server (server/demo-seed.ts, SEED_DEMO=1). Every account's password is 'demo1234':
 *
 *   username   roles                              name
 *   tiepnhan   receiver (tiếp nhận)               Phạm Thị Lan
 *   thamdinh   appraiser (thẩm định)              Nguyễn Đức Minh
 *   lanhdao    approver (lãnh đạo phê duyệt)      Trần Văn Hùng
 *   dongdau    sealer (đóng dấu)                  Vũ Thị Hạnh
 *   giamsat    supervisor (giám sát)              Bùi Quang Thắng
 *   quantri    admin (quản trị)                   Đỗ Mạnh Cường
 *   motcua     receiver + appraiser + sealer      Hoàng Thu Trang
 */
export const DEMO_PASSWORD = 'demo1234';
export const DEMO_OFFICE_ID = 'demo-office-vuthu';
export const DEMO_COUNTER_ID = 'demo-counter-1';
const AT = '2026-01-01T00:00:00.000Z';

export const DEMO_OFFICE: Office = {
  id: DEMO_OFFICE_ID,
  agencyCode: '000.17.22.H56',
  level: 'district',
  name: 'Bộ phận Tiếp nhận và Trả kết quả huyện Vũ Thư',
  parentName: 'UBND tỉnh Thái Bình',
  address: 'Thị trấn Vũ Thư, huyện Vũ Thư, tỉnh Thái Bình',
  phone: '0227 3826 123',
  updatedAt: AT,
};

export const DEMO_COUNTER: Counter = {
  id: DEMO_COUNTER_ID,
  officeId: DEMO_OFFICE_ID,
  name: 'Quầy số 1',
  updatedAt: AT,
};

export type DemoAccount = {
  username: string;
  password: string;
  roles: Role[];
  fullName: string;
  title: string;
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'tiepnhan', roles: ['receiver'], fullName: 'Phạm Thị Lan', title: 'Công chức tiếp nhận' },
  { username: 'thamdinh', roles: ['appraiser'], fullName: 'Nguyễn Đức Minh', title: 'Chuyên viên thẩm định' },
  { username: 'lanhdao', roles: ['approver'], fullName: 'Trần Văn Hùng', title: 'Phó Chủ tịch UBND huyện' },
  { username: 'dongdau', roles: ['sealer'], fullName: 'Vũ Thị Hạnh', title: 'Văn thư' },
  {
    username: 'giamsat',
    roles: ['supervisor'],
    fullName: 'Bùi Quang Thắng',
    title: 'Trưởng bộ phận một cửa',
  },
  { username: 'quantri', roles: ['admin'], fullName: 'Đỗ Mạnh Cường', title: 'Quản trị hệ thống' },
  {
    username: 'motcua',
    roles: ['receiver', 'appraiser', 'sealer'],
    fullName: 'Hoàng Thu Trang',
    title: 'Công chức một cửa',
  },
].map((a) => ({ ...a, password: DEMO_PASSWORD, roles: a.roles as Role[] }));

/** The demo accounts as Officer documents, with their precomputed argon2id verifiers. */
export function demoOfficers(): Officer[] {
  return DEMO_ACCOUNTS.map((a) => {
    const verifier = DEMO_VERIFIERS[a.username];
    if (!verifier) throw new Error(`demo verifier missing for ${a.username}`);
    return {
      id: `demo-officer-${a.username}`,
      officeId: DEMO_OFFICE_ID,
      username: a.username,
      fullName: a.fullName,
      title: a.title,
      roles: a.roles,
      active: true,
      verifier,
      updatedAt: AT,
    };
  });
}
