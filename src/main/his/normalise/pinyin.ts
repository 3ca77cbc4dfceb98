import { pinyin } from 'pinyin-pro';

const cache = new Map<string, { initials: string; full: string }>();

/** "张三" → { initials: "zs", full: "zhangsan" }; cached because names repeat a lot. */
export function namePinyin(name: string): { initials: string; full: string } {
  let hit = cache.get(name);
  if (!hit) {
    // Surname mode picks the surname reading of 单, 曾, 解 … for the first character.
    const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed', v: true });
    hit = {
      initials: syllables.map((s) => s.charAt(0)).join('').toLowerCase(),
      full: syllables.join('').toLowerCase(),
    };
    if (cache.size > 200_000) cache.clear();
    cache.set(name, hit);
  }
  return hit;
}
