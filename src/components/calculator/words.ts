/**
 * Punctuation for texts an island assembles from pieces, in the island's language: the English
 * separators stay exactly as they were, the Chinese ones are the full-width marks Chinese
 * sentences use (，；：). The pieces themselves go through `t` (../i18n/i18n.ts).
 * @example joinWords(['权重 138 GB', 'KV Cache 1.31 GB'], 'zh') //=> '权重 138 GB；KV Cache 1.31 GB'
 * @example joinWords(['a', 'b'], 'en', ', ') //=> 'a, b'
 */
import type { Lang } from '../../core/i18n/translate';

const ZH: Readonly<Record<string, string>> = { '; ': '；', ', ': '，', ': ': '：', '. ': '。' };

/** The separator `en` ('; ', ', ', ': ' or '. ') in `lang`. */
export function sep(en: '; ' | ', ' | ': ' | '. ', lang: Lang): string {
  return lang === 'zh' ? ZH[en]! : en;
}

/** Pieces joined by `en` ('; ' by default), or its Chinese mark. */
export function joinWords(pieces: readonly string[], lang: Lang, en: '; ' | ', ' = '; '): string {
  return pieces.join(sep(en, lang));
}
