/**
 * Everything the islands need to speak Chinese, in one chunk loaded on demand (./i18n.ts):
 * the core's messages, the formula labels and texts, the calculators' own strings and the worked
 * cases' words (their verdicts, the case calculator's notes).
 */
import { CASES_ZH } from '../../core/i18n/casesZh';
import { derivationTitle } from '../../core/i18n/derivationText';
import { FORMULA_LABELS_ZH } from '../../core/i18n/formulasZh';
import { translator } from '../../core/i18n/translate';
import { ZH_MESSAGES } from '../../core/i18n/zh';
import { CALCULATORS_ZH } from './calculatorsZh';

/** The Chinese for any text an island shows (a label, a hint, a result row, an error, a warning). */
export const translateZh = translator(ZH_MESSAGES, FORMULA_LABELS_ZH, CALCULATORS_ZH, CASES_ZH);

export { derivationTitle };
