// PEIS checkup items (体检项目) with reference ranges, abnormal/critical behaviour, and the packages that bundle them.

type Range = readonly [number, number];

export interface NumericItem {
  kind: 'num';
  name: string;
  unit: string;
  decimals: number;
  /** [ref text, low, high, mean, sd] per sex; female falls back to male. */
  male: readonly [string, number, number, number, number];
  female?: readonly [string, number, number, number, number];
  /** Extra mean per year of age over 40, so older people run higher. */
  ageSlope?: number;
  /** Chance and range of a plainly abnormal (but not critical) value. */
  hi?: readonly [number, ...Range];
  lo?: readonly [number, ...Range];
  /** Critical-value (危急值) thresholds and the ranges critical values are drawn from. */
  critHi?: readonly [number, ...Range];
  critLo?: readonly [number, ...Range];
  sex?: '1' | '2';
}

export interface TextItem {
  kind: 'text';
  name: string;
  ref: string | null;
  normal: string;
  abnormalShare: number;
  abnormal: ReadonlyArray<readonly [string, number]>;
  sex?: '1' | '2';
}

export type CheckupItem = NumericItem | TextItem;

const num = (i: Omit<NumericItem, 'kind'>): NumericItem => ({ kind: 'num', ...i });
const txt = (i: Omit<TextItem, 'kind'>): TextItem => ({ kind: 'text', ...i });

export const ITEMS: readonly CheckupItem[] = [
  num({ name: '收缩压', unit: 'mmHg', decimals: 0, male: ['90-139', 90, 139, 118, 10], ageSlope: 0.6, hi: [0.12, 140, 176], critHi: [180, 182, 215] }),
  num({ name: '舒张压', unit: 'mmHg', decimals: 0, male: ['60-89', 60, 89, 75, 7], ageSlope: 0.15, hi: [0.08, 90, 105], critHi: [120, 121, 132] }),
  num({ name: '心率', unit: '次/分', decimals: 0, male: ['60-100', 60, 100, 74, 7], hi: [0.03, 101, 118], lo: [0.04, 48, 59] }),
  num({ name: '体重指数', unit: 'kg/m2', decimals: 1, male: ['18.5-23.9', 18.5, 23.9, 22.6, 1.8], ageSlope: 0.03, hi: [0.3, 24, 32], lo: [0.04, 16.5, 18.4] }),
  num({
    name: '空腹血糖',
    unit: 'mmol/L',
    decimals: 2,
    male: ['3.9-6.1', 3.9, 6.1, 5.0, 0.4],
    ageSlope: 0.01,
    hi: [0.08, 6.2, 12.5],
    lo: [0.01, 3.3, 3.8],
    critHi: [22.2, 22.5, 31],
    critLo: [2.8, 1.8, 2.7],
  }),
  num({ name: '糖化血红蛋白', unit: '%', decimals: 1, male: ['4.0-6.0', 4.0, 6.0, 5.3, 0.3], hi: [0.08, 6.1, 10.5] }),
  num({ name: '总胆固醇', unit: 'mmol/L', decimals: 2, male: ['3.1-5.2', 3.1, 5.2, 4.4, 0.45], ageSlope: 0.01, hi: [0.2, 5.3, 7.6] }),
  num({ name: '甘油三酯', unit: 'mmol/L', decimals: 2, male: ['0.56-1.70', 0.56, 1.7, 1.15, 0.25], hi: [0.2, 1.72, 4.8] }),
  num({ name: '低密度脂蛋白胆固醇', unit: 'mmol/L', decimals: 2, male: ['0-3.4', 0, 3.4, 2.6, 0.4], hi: [0.15, 3.45, 5.2] }),
  num({ name: '谷丙转氨酶', unit: 'U/L', decimals: 0, male: ['9-50', 9, 50, 24, 7], female: ['7-40', 7, 40, 19, 6], hi: [0.08, 51, 160] }),
  num({ name: '谷草转氨酶', unit: 'U/L', decimals: 0, male: ['15-40', 15, 40, 24, 5], female: ['13-35', 13, 35, 21, 4], hi: [0.05, 41, 120] }),
  num({
    name: '血肌酐',
    unit: 'μmol/L',
    decimals: 0,
    male: ['57-111', 57, 111, 80, 10],
    female: ['41-81', 41, 81, 60, 8],
    ageSlope: 0.25,
    hi: [0.04, 112, 300],
    critHi: [707, 720, 980],
  }),
  num({ name: '尿酸', unit: 'μmol/L', decimals: 0, male: ['208-428', 208, 428, 350, 40], female: ['155-357', 155, 357, 270, 35], hi: [0.15, 430, 580] }),
  num({
    name: '血钾',
    unit: 'mmol/L',
    decimals: 2,
    male: ['3.5-5.3', 3.5, 5.3, 4.2, 0.22],
    hi: [0.01, 5.4, 5.9],
    lo: [0.02, 3.0, 3.45],
    critHi: [6.2, 6.3, 7.2],
    critLo: [2.8, 2.1, 2.7],
  }),
  num({
    name: '血钠',
    unit: 'mmol/L',
    decimals: 1,
    male: ['137-147', 137, 147, 141, 1.5],
    hi: [0.01, 147.5, 152],
    lo: [0.02, 130, 136.5],
    critHi: [160, 160.5, 168],
    critLo: [120, 112, 119.5],
  }),
  num({
    name: '血红蛋白',
    unit: 'g/L',
    decimals: 0,
    male: ['130-175', 130, 175, 150, 8],
    female: ['115-150', 115, 150, 130, 7],
    lo: [0.05, 85, 112],
    critLo: [50, 38, 49],
  }),
  num({
    name: '白细胞计数',
    unit: '10^9/L',
    decimals: 2,
    male: ['3.5-9.5', 3.5, 9.5, 6.2, 1.0],
    hi: [0.03, 9.6, 14.5],
    lo: [0.03, 2.6, 3.4],
    critHi: [30, 31, 48],
    critLo: [1.0, 0.5, 0.95],
  }),
  num({ name: '血小板', unit: '10^9/L', decimals: 0, male: ['125-350', 125, 350, 230, 35], hi: [0.01, 352, 450], lo: [0.02, 80, 123], critLo: [30, 8, 29] }),
  num({ name: '甲胎蛋白', unit: 'ng/mL', decimals: 2, male: ['0-7', 0, 7, 3, 1.1], hi: [0.015, 7.5, 80] }),
  num({ name: '癌胚抗原', unit: 'ng/mL', decimals: 2, male: ['0-5', 0, 5, 2, 0.8], hi: [0.03, 5.2, 30] }),
  num({ name: '前列腺特异性抗原', unit: 'ng/mL', decimals: 2, male: ['0-4', 0, 4, 1.2, 0.5], ageSlope: 0.02, hi: [0.04, 4.2, 18], sex: '1' }),
  txt({
    name: '尿蛋白',
    ref: '阴性',
    normal: '阴性',
    abnormalShare: 0.07,
    abnormal: [
      ['弱阳性', 4],
      ['+', 3],
      ['++', 2],
      ['+++', 0.5],
    ],
  }),
  txt({
    name: '心电图',
    ref: null,
    normal: '窦性心律',
    abnormalShare: 0.15,
    abnormal: [
      ['窦性心动过缓', 4],
      ['窦性心动过速', 3],
      ['ST-T改变', 4],
      ['完全性右束支传导阻滞', 2],
      ['心房颤动', 1],
      ['左心室高电压', 2],
    ],
  }),
  txt({
    name: '胸部CT',
    ref: null,
    normal: '双肺未见明显异常',
    abnormalShare: 0.25,
    abnormal: [
      ['右肺上叶磨玻璃结节，约6mm', 3],
      ['左肺下叶实性结节，约4mm', 4],
      ['双肺散在纤维灶', 4],
      ['右肺上叶占位性病变，建议进一步检查', 1],
      ['肺气肿', 2],
      ['双肺多发微小结节', 4],
    ],
  }),
  txt({
    name: '胸部X线',
    ref: null,
    normal: '心肺膈未见明显异常',
    abnormalShare: 0.1,
    abnormal: [
      ['双肺纹理增多', 5],
      ['主动脉硬化', 3],
      ['右下肺小结节影', 1],
    ],
  }),
  txt({
    name: '腹部B超',
    ref: null,
    normal: '肝胆胰脾双肾未见明显异常',
    abnormalShare: 0.3,
    abnormal: [
      ['脂肪肝（轻度）', 8],
      ['脂肪肝（中度）', 3],
      ['胆囊结石', 3],
      ['肝囊肿', 3],
      ['肾结石', 2],
      ['胆囊息肉', 3],
    ],
  }),
  txt({
    name: '乳腺彩超',
    ref: null,
    normal: '双乳未见明显异常',
    abnormalShare: 0.3,
    sex: '2',
    abnormal: [
      ['双乳腺增生', 8],
      ['左乳低回声结节（BI-RADS 3类）', 3],
      ['右乳低回声结节（BI-RADS 4a类）', 1],
    ],
  }),
  txt({
    name: '甲状腺彩超',
    ref: null,
    normal: '甲状腺未见明显异常',
    abnormalShare: 0.2,
    abnormal: [
      ['甲状腺结节（TI-RADS 3类）', 6],
      ['甲状腺弥漫性病变', 2],
      ['甲状腺结节（TI-RADS 4a类）', 1],
    ],
  }),
];

export const ITEM_BY_NAME: ReadonlyMap<string, CheckupItem> = new Map(ITEMS.map((i) => [i.name, i]));

export interface CheckupPackage {
  name: string;
  items: readonly CheckupItem[];
  /** Relative popularity per age band (child, young, middle, elderly). */
  weight: readonly [number, number, number, number];
  sex?: '2';
}

function pkg(name: string, items: string, weight: CheckupPackage['weight'], sex?: '2'): CheckupPackage {
  return {
    name,
    weight,
    sex,
    items: items.split(' ').map((n) => {
      const item = ITEM_BY_NAME.get(n);
      if (!item) throw new Error(`package ${name} lists unknown item ${n}`);
      return item;
    }),
  };
}

export const PACKAGES: readonly CheckupPackage[] = [
  pkg('基础体检套餐', '收缩压 舒张压 体重指数 空腹血糖 血红蛋白 谷丙转氨酶', [1, 30, 22, 25]),
  pkg('入职体检套餐', '收缩压 舒张压 血红蛋白 白细胞计数 血小板 谷丙转氨酶 胸部X线 尿蛋白', [0, 45, 4, 0]),
  pkg(
    '中老年体检套餐A',
    '收缩压 舒张压 空腹血糖 总胆固醇 甘油三酯 谷丙转氨酶 血肌酐 血钾 血红蛋白 白细胞计数 血小板 心电图 胸部CT 甲胎蛋白 癌胚抗原',
    [0, 0, 10, 18],
  ),
  pkg('中老年体检套餐B', '收缩压 舒张压 空腹血糖 总胆固醇 甘油三酯 血肌酐 尿酸 心电图 腹部B超', [0, 0, 30, 35]),
  pkg('女性体检套餐', '收缩压 舒张压 血红蛋白 空腹血糖 谷丙转氨酶 乳腺彩超 甲状腺彩超 腹部B超 尿蛋白', [0, 25, 20, 8], '2'),
  pkg(
    '干部体检套餐',
    '收缩压 舒张压 心率 空腹血糖 糖化血红蛋白 总胆固醇 甘油三酯 低密度脂蛋白胆固醇 谷丙转氨酶 谷草转氨酶 血肌酐 尿酸 血钾 血钠 血小板 心电图 胸部CT 腹部B超 前列腺特异性抗原',
    [0, 2, 6, 6],
  ),
];

export const PACKAGE_BY_NAME: ReadonlyMap<string, CheckupPackage> = new Map(PACKAGES.map((p) => [p.name, p]));
