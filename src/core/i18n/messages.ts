/**
 * The core's and the CLI's messages in either language. The English text a message is
 * produced with is its key (see ./translate.ts for the matching, ./zh.ts for the Chinese).
 * @example translate('TP = 3 must divide the 32 attention heads: each GPU takes whole heads', 'zh') //=> 'TP = 3 必须整除 32 个注意力头：每张 GPU 分到整数个头'
 * @example translate('anything', 'en') //=> 'anything'
 */
import { translator, type Lang } from './translate';
import { FORMULA_LABELS_ZH } from './formulasZh';
import { ZH_MESSAGES } from './zh';

export { isLang, LANGS, type Lang } from './translate';

// Formula labels too: a domain message names its input by label ("Hidden size H must be …").
const zh = translator(ZH_MESSAGES, FORMULA_LABELS_ZH);

/** A runtime English message in `lang`: unchanged for English or when no template matches. */
export function translate(english: string, lang: Lang): string {
  return lang === 'zh' ? zh(english) : english;
}

/** True when the Chinese catalogue covers this message (a whole key or a template it fills). */
export function hasTranslation(english: string): boolean {
  return zh.has(english);
}
