/**
 * Counts the way Chinese prose says them: 万 (10⁴), 亿 (10⁸), 万亿 (10¹²), so Llama 2 7B's
 * 6,738,415,616 parameters read "67.4 亿" and Llama 3's 6.4M GPU-hours "640 万". Units
 * (FLOPs, FLOP/s, GB, GiB) are not affected: they keep their SI prefixes in both languages.
 */
import { formatInteger, formatScientific, formatSignificant } from '../units';

const STEPS: readonly { power: number; word: string }[] = [
  { power: 12, word: '万亿' },
  { power: 8, word: '亿' },
  { power: 4, word: '万' },
];

/**
 * A count in 万/亿 with 3 significant figures; below 10,000 every digit; from 10¹⁶ a power of ten.
 * @example formatCountZh(6738415616) //=> "67.4 亿"
 * @example formatCountZh(6.4e6) //=> "640 万"
 * @example formatCountZh(4096) //=> "4,096"
 */
export function formatCountZh(value: number, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs < 1e4) return Number.isInteger(value) ? formatInteger(value) : formatSignificant(value, sig);
  if (abs >= 1e16) return formatScientific(value, sig);
  // The largest step at or below the value; 9,999.5 万 rounds to 10,000 万, so it moves up to 1.00 亿.
  let i = STEPS.findIndex(({ power }) => abs >= 10 ** power);
  if (i > 0 && Math.abs(Number((value / 10 ** STEPS[i]!.power).toPrecision(sig))) >= 1e4) i -= 1;
  const { power, word } = STEPS[i]!;
  return `${formatSignificant(value / 10 ** power, sig)} ${word}`;
}

/**
 * The 万/亿 reading with every digit beside it, where exactness matters.
 * @example formatCountZhExact(6738415616) //=> "67.4 亿（6,738,415,616）"
 */
export function formatCountZhExact(value: number, sig = 3): string {
  const short = formatCountZh(value, sig);
  const exact = formatInteger(value);
  return short === exact ? exact : `${short}（${exact}）`;
}
