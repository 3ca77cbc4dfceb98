// Chinese personal names: surnames weighted by rough national frequency, given names by birth era and sex.
import { Rng, Weighted } from './prng';

// Weights are per-mille-ish shares; double surnames are deliberately rare but present.
const SURNAMES: ReadonlyArray<readonly [string, number]> = (
  '王71 李70 张67 刘54 陈46 杨31 黄22 赵20 吴19 周19 徐15 孙15 马14 朱13 胡13 郭12 何12 林11 高11 罗10 ' +
  '郑10 梁9 谢8 宋7 唐7 许7 韩7 邓7 冯7 曹7 彭6 曾6 肖6 田6 董6 潘5 袁5 蔡5 蒋5 余5 于5 杜5 叶5 程5 ' +
  '魏4 苏4 吕4 丁4 任4 卢4 姚4 沈4 钟4 姜4 崔4 谭4 陆4 范3 汪3 廖3 石3 金3 贾3 夏3 韦3 方3 付3 邹3 ' +
  '熊3 白3 孟3 秦3 邱3 侯3 江3 尹3 薛3 闫3 段2 雷2 龙2 黎2 史2 陶2 贺2 毛2 郝2 顾2 龚2 邵2 万2 覃2 ' +
  '武2 钱2 戴2 严2 莫2 孔2 向2 常2 汤2 康2 易2 乔2 欧阳0.4 司马0.15 司徒0.15 诸葛0.08 上官0.08 皇甫0.05 慕容0.04'
)
  .split(' ')
  .map((tok) => {
    const m = /^(\D+)([\d.]+)$/.exec(tok);
    if (!m) throw new Error(`bad surname token ${tok}`);
    return [m[1], Number(m[2])] as const;
  });

const surnameTable = new Weighted(SURNAMES);

type Era = 0 | 1 | 2;
type NamePools = { two: string[]; one: string[]; singleShare: number };

// [era][0 male | 1 female]; eras: born before 1965, 1965-1989, 1990 and later.
const POOLS: NamePools[][] = [
  [
    {
      two: '建国 建华 国强 国庆 志强 德明 文华 振华 春生 永强 福林 建军 卫东 志明 保国 长顺 金山 德胜 玉林 树森 洪涛 光明'.split(' '),
      one: '强 军 明 华 林 斌 忠 勇'.split(' '),
      singleShare: 0.1,
    },
    {
      two: '秀英 桂英 秀兰 玉兰 淑珍 凤英 玉珍 桂兰 秀珍 淑英 玉梅 素芬 翠华 金凤 桂芳 秀云 玉芬 凤兰 淑华 秀芳'.split(' '),
      one: '英 兰 珍 芳 华 梅 琴 凤'.split(' '),
      singleShare: 0.1,
    },
  ],
  [
    {
      two: '志刚 海涛 建伟 晓东 立新 俊杰 文斌 宏伟 永刚 国栋 明辉 晓峰 振宇 海波 红军 建平 卫国 学军 伟东 志勇'.split(' '),
      one: '伟 强 军 磊 勇 杰 涛 斌 鹏 超 辉 刚 波 峰 平 东'.split(' '),
      singleShare: 0.35,
    },
    {
      two: '丽娟 晓燕 海燕 春梅 雪梅 丽华 红霞 晓红 美玲 艳红 丽萍 秀梅 晓梅 玉洁 春燕 慧敏 静怡 晓丽 红梅 丽娜'.split(' '),
      one: '丽 静 敏 燕 艳 娟 霞 芳 娜 红 萍 玲 洁 颖 琳 莉'.split(' '),
      singleShare: 0.35,
    },
  ],
  [
    {
      two: '浩然 子轩 梓豪 宇航 俊熙 一鸣 浩宇 博文 子墨 皓轩 思远 明哲 晨阳 天佑 宇轩 铭泽 俊豪 嘉豪 泽宇 家乐'.split(' '),
      one: '浩 宇 轩 昊 博 鑫 凯 睿 阳 晨'.split(' '),
      singleShare: 0.15,
    },
    {
      two: '欣怡 梓涵 雨桐 诗涵 子涵 可馨 思雨 一诺 语嫣 梦瑶 佳怡 紫萱 若曦 雨萱 心怡 欣然 诗琪 梓萱 佳琪 思涵'.split(' '),
      one: '婷 琳 悦 萱 彤 琪 涵 怡 瑶 妍'.split(' '),
      singleShare: 0.15,
    },
  ],
];

export function eraOf(birthYear: number): Era {
  return birthYear < 1965 ? 0 : birthYear < 1990 ? 1 : 2;
}

export function surname(rng: Rng): string {
  return surnameTable.draw(rng);
}

/** sexCode is GB/T 2261.1; unknown sexes get a name from either pool. */
export function givenName(rng: Rng, birthYear: number, sexCode: string): string {
  const female = sexCode === '2' || (sexCode !== '1' && rng.chance(0.5));
  const pools = POOLS[eraOf(birthYear)][female ? 1 : 0];
  if (rng.chance(pools.singleShare)) return rng.pick(pools.one);
  // Mostly curated names; sometimes recombined characters so names are not all from a short list.
  if (rng.chance(0.7)) return rng.pick(pools.two);
  return rng.pick(pools.one) + rng.pick(pools.one);
}

export function fullName(rng: Rng, birthYear: number, sexCode: string): string {
  return surname(rng) + givenName(rng, birthYear, sexCode);
}

/** A given name whose rare character (e.g. 𠮷, 䶮) became '?' when the HIS stored it in CP936. */
export function rareGivenName(rng: Rng): string {
  return rng.chance(0.5) ? '?' : `?${rng.pick(['华', '明', '玲', '杰'])}`;
}
