// Department dictionary (V_KS) and each department's case mix, so diagnoses correlate with where patients are seen.
import { ICD10 } from './icd10';

/** Age bands: 0 child (<14), 1 young adult (14-44), 2 middle-aged (45-59), 3 elderly (60+). */
export type Band4 = readonly [number, number, number, number];
export type CodeWeights = ReadonlyArray<readonly [string, number]>;

export interface Department {
  code: string;
  name: string;
  formerName: string | null;
  disabled: boolean;
  sex: '1' | '2' | null;
  /** Relative inpatient / outpatient volume per age band. */
  ipWeight: Band4;
  opWeight: Band4;
  /** Mean length of stay in days. */
  los: number;
  ip: CodeWeights;
  op: CodeWeights;
}

/** 'CODE*weight CODE*weight ...' keeps the case-mix tables readable; unknown codes fail fast at load time. */
function cw(spec: string): CodeWeights {
  return spec
    .trim()
    .split(/\s+/)
    .map((tok) => {
      const [code, w] = tok.split('*');
      if (!ICD10.has(code)) throw new Error(`department case mix uses unknown ICD-10 code ${code}`);
      return [code, Number(w ?? 1)] as const;
    });
}

function dept(
  code: string,
  name: string,
  ipWeight: Band4,
  opWeight: Band4,
  los: number,
  ip: string,
  op: string,
  extra: Partial<Pick<Department, 'formerName' | 'disabled' | 'sex'>> = {},
): Department {
  return {
    code,
    name,
    ipWeight,
    opWeight,
    los,
    ip: ip ? cw(ip) : [],
    op: cw(op),
    formerName: extra.formerName ?? null,
    disabled: extra.disabled ?? false,
    sex: extra.sex ?? null,
  };
}

export const CARDIOLOGY_CODE = '0101';
export const TCM_CODE = '0801';
export const CHECKUP_CENTRE_CODE = '0901';
export const EMERGENCY_CODE = '0601';
export const ONCOLOGY_CODE = '0107';
/** Date the cardiology department was renamed from 心内科; earlier outpatient rows keep the old name. */
export const CARDIOLOGY_RENAMED_ON = '2025-01-01';

export const DEPARTMENTS: readonly Department[] = [
  dept(
    '0101',
    '心血管内科',
    [0, 4, 12, 16],
    [0, 6, 14, 18],
    7,
    'I25.103*14 I25.100x003*6 I20.000*10 I21.900*5 I21.000x001*2 I21.401*3 I10.x00x003*8 I10.x00x002*3 I11.900*2 I48.x01*5 I48.x02*3 I50.900*5 I50.900x007*4 I49.900*2 I47.100*1 I42.000*1 I35.000*1',
    'I10.x00x002*20 I10.x00x003*6 I10.x00x004*6 I10.x00x005*4 I25.103*10 I25.100x003*8 I20.900*4 I48.x01*3 I49.900*4 R07.400*4 I50.900*2 E78.500*3',
    { formerName: '心内科' },
  ),
  dept(
    '0102',
    '呼吸内科',
    [0, 5, 9, 12],
    [0, 9, 9, 10],
    9,
    'J18.900*14 J15.900*4 J98.414*6 J44.100*12 J44.900*5 J45.900*3 J47.x00*3 J90.x00*2 J84.101*1 C34.900*3 C34.900x002*3 C34.900x011*2',
    'J06.900*10 J20.900*10 R05.x00*8 J44.900*6 J45.900*5 J18.900*4 R91.x00x003*6 C34.900x002*2',
  ),
  dept(
    '0103',
    '消化内科',
    [0, 6, 8, 8],
    [0, 10, 9, 8],
    7,
    'K92.208*8 K25.900*5 K26.900*4 K85.900*5 K74.600*4 K63.500*8 K29.500*3 K80.200*2 B18.100*3 K52.900*2',
    'K29.500*14 K21.900*6 K30.x00*6 K25.900*3 K76.000*5 B18.100*3 R10.400*5 K59.000*3 K52.900*3',
  ),
  dept(
    '0104',
    '内分泌科',
    [0, 4, 6, 6],
    [0, 7, 11, 11],
    8,
    'E11.900*14 E14.900x001*4 E11.200x011*4 E11.400x013*4 E11.101*2 E10.900*2 E05.900*3 E03.900*1 E87.600*1',
    'E11.900*20 E14.900x001*6 E05.900*4 E03.900*4 E04.101*6 E78.500*4 E79.000*3 M10.900*2 E66.900*2 M81.900*2',
  ),
  dept(
    '0105',
    '神经内科',
    [0, 3, 7, 12],
    [0, 6, 8, 10],
    10,
    'I63.900*16 I63.800x002*6 I63.400x001*2 G45.900*4 I61.900*2 G40.900*2 G20.x00*2 G30.900*1 I67.200*1',
    'R42.x00*8 R51.x00*6 G43.900*4 G47.000*5 I63.900*5 I69.300*3 G20.x00*2 G45.900*2 G40.900*2',
  ),
  dept(
    '0106',
    '肾内科',
    [0, 3, 4, 5],
    [0, 3, 4, 5],
    10,
    'N18.500*8 N18.400*4 N04.900*4 N03.900*3 N17.900*2 E11.200x011*2 N39.000*2',
    'N18.500*6 N18.300*6 N18.400*3 N03.900*4 N04.900*2 N39.000*3',
  ),
  dept(
    ONCOLOGY_CODE,
    '肿瘤内科',
    [0, 4, 8, 8],
    [0, 3, 5, 5],
    6,
    'Z51.102*14 Z51.000*3 C34.900*4 C34.900x002*3 C34.900x011*2 C16.900*2 C18.900*2 C22.000*2 C25.900*1 C50.900*2 C85.900*1 C79.500*1 C78.000*1',
    'C34.900x002*5 C34.900*3 C16.900x002*2 C18.900x001*2 C50.900x001*2 C22.000*1 Z51.102*3',
  ),
  dept(
    '0201',
    '胸外科',
    [0, 2, 4, 4],
    [0, 2, 3, 3],
    10,
    'C34.100x001*6 C34.101*5 C34.301*3 C34.200x001*2 C34.900*3 C34.900x002*3 C34.900x012*2 C15.900*3 R91.x00x003*3 J93.900*2',
    'R91.x00x003*10 C34.900x002*3 C34.101*2 J93.900*1',
  ),
  dept(
    '0202',
    '胃肠外科',
    [0, 4, 5, 5],
    [0, 3, 3, 3],
    11,
    'C16.900*6 C16.000*2 C18.900*5 C18.700*2 C20.x00*4 C20.x01*2 K35.800*6 K40.901*5 K56.700*3',
    'K40.901*4 K35.800*2 C18.900x001*2 C16.900x002*2 R10.400*3 K63.500*2',
  ),
  dept(
    '0203',
    '乳腺外科',
    [0, 4, 3, 2],
    [0, 5, 3, 1],
    8,
    'C50.900*8 C50.900x001*6 C50.400x001*3 D24.x00*4 N61.x00*1',
    'N60.101*12 D24.x00*4 C50.900x001*2 N61.x00*2',
    { sex: '2' },
  ),
  dept(
    '0204',
    '肝胆外科',
    [0, 4, 4, 4],
    [0, 2, 2, 2],
    9,
    'K80.200*8 K81.100*4 C22.000*4 C22.900*2 C25.900*2 K85.900*1',
    'K80.200*8 K81.100*4 K76.000*2 B18.100*2',
  ),
  dept(
    '0205',
    '骨科',
    [3, 7, 7, 8],
    [4, 8, 8, 8],
    11,
    'S72.001*6 S72.101*5 S82.201*3 S52.501*3 S32.001*3 S42.201*2 M17.900*5 M16.900*2 M51.202*5 M47.802*2 M48.061*2 M87.051*2',
    'M51.202*8 M47.802*8 M54.500*8 M17.900*6 M81.900*3 S52.501*2',
  ),
  dept(
    '0206',
    '泌尿外科',
    [0, 4, 5, 6],
    [0, 4, 5, 6],
    7,
    'N20.000*6 N20.100*6 N40.x00*6 C67.900*3 C64.x00*2 C61.x00*2',
    'N40.x00*8 N20.000*5 N39.000*4 N20.100*3',
  ),
  dept(
    '0301',
    '妇科',
    [0, 6, 3, 1],
    [0, 8, 3, 1],
    6,
    'D25.900*10 N80.000*4 N83.200*5 N84.000*4 C53.900*2 C56.x00*1 N73.900*2',
    'N73.900*8 N83.200*4 D25.900*4 N84.000*2',
    { sex: '2' },
  ),
  dept(
    '0302',
    '产科',
    [0, 12, 0, 0],
    [0, 8, 0, 0],
    4,
    'O80.000*12 O82.000*8 O24.400*3 O13.x00*2 O14.900*1 O42.900*2 O60.100*1',
    'Z34.900*14 O24.400*3 O13.x00*1',
    { sex: '2' },
  ),
  dept(
    '0401',
    '儿科',
    [60, 0, 0, 0],
    [70, 0, 0, 0],
    5,
    'J18.000*14 J18.900*4 J21.900*5 A08.001*3 B08.400*2 P59.900*2 J45.900*1',
    'J06.900*14 J02.900*6 J20.900*5 R50.900*6 A08.001*2 B08.400*2 J03.900*3',
  ),
  dept('0501', '眼科', [1, 1, 3, 6], [5, 4, 5, 6], 3, 'H25.900*10 H40.900*2 H33.000*2 E11.300x001*2', 'H52.100*8 H10.900*6 H25.900*5 H40.900*2'),
  dept(
    '0502',
    '耳鼻喉科',
    [3, 3, 2, 2],
    [8, 6, 4, 4],
    5,
    'J32.900*4 J34.200*3 J35.000*4 J38.100*2 H91.200*2',
    'J30.400*6 J32.900*4 H66.900*3 J03.900*3 J02.900*4 H91.200*1',
  ),
  dept(
    EMERGENCY_CODE,
    '急诊科',
    [0, 0, 0, 0],
    [10, 7, 7, 8],
    1,
    '',
    'R07.400*6 R10.400*6 R50.900*5 R55.x00*2 T78.400*2 F10.001*2 S06.000*2 J18.900*3 R42.x00*3 K52.900*3',
  ),
  dept('0701', '康复医学科', [0, 1, 2, 4], [0, 1, 2, 3], 20, 'Z50.900x001*6 I69.300*6 G81.900*3 S72.001*1', 'I69.300*5 Z50.900x001*4 M54.500*3 G81.900*2'),
  dept(TCM_CODE, '中医科', [0, 0, 0, 0], [0, 3, 4, 4], 1, '', 'G47.000*5 K30.x00*4 M54.500*3 R42.x00*2', { disabled: true }),
  dept(CHECKUP_CENTRE_CODE, '健康管理中心', [0, 0, 0, 0], [0, 2, 2, 1], 1, '', 'Z00.000*10 R91.x00x003*2 E04.101*1'),
];

export const DEPARTMENT_BY_CODE: ReadonlyMap<string, Department> = new Map(DEPARTMENTS.map((d) => [d.code, d]));

/** Secondary (other) discharge diagnoses drawn by weight; sex filtering happens at draw time. */
export const COMORBIDITIES = cw(
  'I10.x00x002*12 I10.x00x003*4 I10.x00x004*3 E11.900*10 E14.900x001*2 E78.500*7 I25.103*5 I25.100x003*3 ' +
    'I69.300*3 N18.300*2 E79.000*2 K76.000*3 D64.900*3 J98.414*3 M81.900*2 I49.900*2 E04.101*2 K29.500*3 ' +
    'K80.200*2 B18.100*1 E87.600*2 E87.100*1 N40.x00*3 I48.x01*1 G47.000*1',
);

/** Cancer codes added as the "other" diagnosis of a chemotherapy or radiotherapy stay. */
export const CHEMO_CANCERS = cw('C34.900*4 C34.900x002*3 C34.900x011*2 C16.900*2 C18.900*2 C20.x00*1 C22.000*1 C50.900*2 C85.900*1 C15.900*1');
