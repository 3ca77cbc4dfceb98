// Real administrative-division codes (GB/T 2260) with matching address prefixes and landline area codes.
import { Rng, Weighted } from './prng';

export interface Area {
  code: string;
  prefix: string;
  areaCode: string;
}

// The demo hospital is in Beijing, so local districts dominate.
const AREAS: ReadonlyArray<readonly [Area, number]> = [
  [{ code: '110105', prefix: '北京市朝阳区', areaCode: '010' }, 30],
  [{ code: '110108', prefix: '北京市海淀区', areaCode: '010' }, 18],
  [{ code: '110101', prefix: '北京市东城区', areaCode: '010' }, 10],
  [{ code: '110102', prefix: '北京市西城区', areaCode: '010' }, 10],
  [{ code: '110106', prefix: '北京市丰台区', areaCode: '010' }, 12],
  [{ code: '120101', prefix: '天津市和平区', areaCode: '022' }, 3],
  [{ code: '130102', prefix: '河北省石家庄市长安区', areaCode: '0311' }, 4],
  [{ code: '310104', prefix: '上海市徐汇区', areaCode: '021' }, 2],
  [{ code: '310115', prefix: '上海市浦东新区', areaCode: '021' }, 2],
  [{ code: '440106', prefix: '广东省广州市天河区', areaCode: '020' }, 1],
  [{ code: '330106', prefix: '浙江省杭州市西湖区', areaCode: '0571' }, 1],
  [{ code: '420106', prefix: '湖北省武汉市武昌区', areaCode: '027' }, 1],
  [{ code: '510107', prefix: '四川省成都市武侯区', areaCode: '028' }, 1],
  [{ code: '370102', prefix: '山东省济南市历下区', areaCode: '0531' }, 2],
  [{ code: '410105', prefix: '河南省郑州市金水区', areaCode: '0371' }, 2],
  [{ code: '140105', prefix: '山西省太原市小店区', areaCode: '0351' }, 1],
  [{ code: '150102', prefix: '内蒙古自治区呼和浩特市新城区', areaCode: '0471' }, 1],
];
const areaTable = new Weighted(AREAS);

const STREETS = '建国路 朝阳北路 人民路 中山路 解放路 和平路 新华路 光明路 幸福路 文化路 学院路 建设路 胜利路 长安街 友谊路 团结路'.split(' ');
const COMPOUNDS = '阳光花园 幸福小区 锦绣家园 翠苑 金色家园 华府 保利花园 绿地世纪城 青年公寓 职工宿舍 万科城 丽景苑'.split(' ');

const MOBILE_PREFIXES = (
  '130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 ' + '170 173 176 177 178 180 181 182 183 185 186 187 188 189 191 193 195 198 199'
).split(' ');

export function area(rng: Rng): Area {
  return areaTable.draw(rng);
}

export function address(rng: Rng, a: Area): string {
  const base = `${a.prefix}${rng.pick(STREETS)}${rng.between(1, 399)}号`;
  if (rng.chance(0.35)) return base;
  return `${base}${rng.pick(COMPOUNDS)}${rng.between(1, 30)}号楼${rng.between(1, 6)}单元${rng.between(1, 28)}${String(rng.between(1, 4)).padStart(2, '0')}室`;
}

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');
}

/** Landline in 'area-number' style; 3-digit area codes have 8-digit numbers, 4-digit ones 7 or 8. */
export function landline(rng: Rng, a: Area): string {
  const len = a.areaCode.length === 3 ? 8 : rng.chance(0.5) ? 7 : 8;
  const first = rng.pick(['5', '6', '8']);
  return `${a.areaCode}-${first}${String(rng.int(10 ** (len - 1))).padStart(len - 1, '0')}`;
}
