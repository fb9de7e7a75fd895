import i18n from './index.ts';
import { invEn } from './investment.en.ts';
import { invZhCN } from './investment.zh-CN.ts';

/**
 * The investment pages' text joins the resources (under `inv`) when the
 * first of those pages' modules loads, so the login page never carries it.
 */
i18n.addResourceBundle('zh-CN', 'translation', { inv: invZhCN }, true, true);
i18n.addResourceBundle('en', 'translation', { inv: invEn }, true, true);
