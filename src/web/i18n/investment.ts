import i18n from './index.ts';
import { invZhCN } from './investment.zh-CN.ts';

/**
 * The investment pages' Chinese text joins the resources (under `inv`) when
 * the first of those pages' modules loads, so the login page never carries
 * it; the English comes with the rest of the English text (index.ts).
 */
i18n.addResourceBundle('zh-CN', 'translation', { inv: invZhCN }, true, true);
