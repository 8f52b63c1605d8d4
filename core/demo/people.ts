// Residents of a commune for generated histories: Vietnamese names with diacritics (family
// names weighted roughly by their share of the population, a long tail of rare ones), a
// 12-digit citizen ID with a real province prefix, an older 9-digit ID, an address, a phone.
import { fold } from '../text/fold';
import { weighted, type Rng } from './rng';

export interface Person {
  readonly name: string;
  readonly folded: string;
  readonly female: boolean;
  readonly birthYear: number;
  /** 12-digit căn cước / CCCD. */
  readonly cccd: string;
  /** Old 9-digit CMND, used on dossiers before chip IDs were common. */
  readonly cmnd: string;
  readonly address: string;
  readonly phone: string;
  readonly email: string;
}

const family = weighted<string>([
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 4],
  ['Huỳnh', 1.2],
  ['Phan', 4.5],
  ['Vũ', 3],
  ['Võ', 1],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  // The long tail: rare in the data, useful for "rare name" searches.
  ['Đinh', 0.6],
  ['Trịnh', 0.5],
  ['Lương', 0.4],
  ['Mai', 0.3],
  ['Cao', 0.3],
  ['Lâm', 0.2],
  ['Tạ', 0.15],
  ['Triệu', 0.1],
  ['Kiều', 0.08],
  ['Khổng', 0.04],
  ['Âu', 0.03],
  ['Quách', 0.05],
]);

const middleMale = weighted<string>([
  ['Văn', 40],
  ['Đức', 8],
  ['Minh', 9],
  ['Quang', 6],
  ['Hữu', 5],
  ['Công', 4],
  ['Xuân', 3],
  ['Thanh', 4],
  ['Ngọc', 3],
  ['Duy', 3],
  ['Quốc', 4],
  ['Đình', 4],
  ['Trọng', 3],
  ['Mạnh', 2],
  ['Tiến', 2],
  ['Gia', 2],
]);
const middleFemale = weighted<string>([
  ['Thị', 52],
  ['Ngọc', 7],
  ['Thu', 6],
  ['Thanh', 6],
  ['Minh', 4],
  ['Bích', 3],
  ['Kim', 4],
  ['Phương', 3],
  ['Hồng', 4],
  ['Mai', 3],
  ['Khánh', 2],
  ['Bảo', 2],
  ['Hải', 2],
]);

const GIVEN_MALE = [
  'Anh',
  'Bình',
  'Cường',
  'Dũng',
  'Đức',
  'Hải',
  'Hiếu',
  'Hùng',
  'Huy',
  'Khánh',
  'Khoa',
  'Long',
  'Mạnh',
  'Minh',
  'Nam',
  'Nghĩa',
  'Phong',
  'Phúc',
  'Quân',
  'Quang',
  'Sơn',
  'Tài',
  'Thắng',
  'Thành',
  'Trung',
  'Tuấn',
  'Tùng',
  'Việt',
  'Vinh',
  'Hoàng',
  'Hưng',
  'Lâm',
  'Lộc',
  'Toàn',
  'Trí',
  'Đạt',
  'Hậu',
  'Kiên',
  'Thịnh',
  'Tiến',
  'Hòa',
  'Chiến',
  'Công',
  'Định',
  'Giang',
  'Hiển',
  'Khải',
  'Lực',
  'Nhân',
  'Quyết',
  'Sang',
  'Thuận',
  'Vũ',
  'Tâm',
];
const GIVEN_FEMALE = [
  'An',
  'Anh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hiền',
  'Hoa',
  'Hồng',
  'Huệ',
  'Hương',
  'Lan',
  'Liên',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Nga',
  'Ngân',
  'Ngọc',
  'Nhung',
  'Oanh',
  'Phương',
  'Quỳnh',
  'Thảo',
  'Thu',
  'Thủy',
  'Trang',
  'Tuyết',
  'Uyên',
  'Vân',
  'Yến',
  'Xuân',
  'Diệp',
  'Lụa',
  'Nhàn',
  'Duyên',
  'Hậu',
  'Lệ',
  'Nguyệt',
  'Thắm',
  'Thơm',
  'Tâm',
  'Thoa',
  'Vy',
  'Ánh',
];
const COMPOUND_MALE = ['Gia Huy', 'Minh Khôi', 'Anh Tuấn', 'Đức Anh', 'Quốc Bảo', 'Tuấn Kiệt'];
const COMPOUND_FEMALE = [
  'Thu Hà',
  'Minh Anh',
  'Ngọc Ánh',
  'Bảo Ngọc',
  'Khánh Linh',
  'Thùy Dương',
  'Phương Thảo',
  'Thanh Hương',
  'Hải Yến',
  'Mai Anh',
];

/** Province prefixes of 12-digit IDs: mostly the office's own province, some from elsewhere. */
const province = weighted<string>([
  ['025', 70],
  ['001', 6],
  ['026', 4],
  ['019', 3],
  ['031', 3],
  ['030', 2],
  ['034', 2],
  ['036', 2],
  ['038', 2],
  ['079', 2],
  ['015', 1],
  ['008', 1],
  ['040', 1],
  ['048', 0.5],
  ['092', 0.5],
]);

const HAMLETS = [
  'Thôn Trung Tâm',
  'Thôn Đông',
  'Thôn Đoài',
  'Thôn Bắc',
  'Thôn Nam',
  'Thôn Đồng Xuân',
  'Thôn Tân Phú',
  'Thôn An Thịnh',
  'Thôn Hòa Bình',
  'Xóm Mới',
  'Xóm Chợ',
  'Khu Đồi Cao',
  'Thôn 1',
  'Thôn 2',
  'Thôn 3',
  'Thôn 4',
  'Thôn 5',
  'Thôn 6',
  'Thôn 7',
  'Thôn 8',
];
const PHONE_PREFIXES = [
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '086',
  '088',
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '070',
  '076',
  '077',
  '078',
  '079',
  '081',
  '082',
  '083',
  '084',
  '085',
];

const digits = (rng: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
};

export function personName(rng: Rng, female: boolean, birthYear: number): string {
  const young = birthYear >= 1995;
  const middle = female ? middleFemale(rng) : middleMale(rng);
  // Younger people less often carry the traditional Văn / Thị middle name.
  const mid =
    young && (middle === 'Văn' || middle === 'Thị') && rng.chance(0.5)
      ? female
        ? middleFemale(rng)
        : middleMale(rng)
      : middle;
  const given = rng.chance(young ? 0.25 : 0.08)
    ? rng.pick(female ? COMPOUND_FEMALE : COMPOUND_MALE)
    : rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return `${family(rng)} ${mid} ${given}`;
}

/** 12 digits: province (3), sex and century (1), year of birth (2), random (6). */
export function cccdNumber(rng: Rng, female: boolean, birthYear: number): string {
  const century = birthYear >= 2000 ? 2 : 0;
  const sex = century + (female ? 1 : 0);
  return `${province(rng)}${sex}${String(birthYear % 100).padStart(2, '0')}${digits(rng, 6)}`;
}

export function makePerson(rng: Rng, commune: string, provinceName: string): Person {
  const female = rng.chance(0.52);
  const birthYear = rng.int(1940, 2006);
  const name = personName(rng, female, birthYear);
  const hasPhone = rng.chance(birthYear < 1960 ? 0.6 : 0.92);
  const folded = fold(name);
  return {
    name,
    folded,
    female,
    birthYear,
    cccd: cccdNumber(rng, female, birthYear),
    cmnd: `1${digits(rng, 8)}`,
    address: `${rng.pick(HAMLETS)}, ${commune}, ${provinceName}`,
    phone: hasPhone ? `${rng.pick(PHONE_PREFIXES)}${digits(rng, 7)}` : '',
    email:
      birthYear > 1975 && rng.chance(0.04)
        ? `${folded.replace(/ /g, '')}${birthYear % 100}@gmail.com`
        : '',
  };
}
