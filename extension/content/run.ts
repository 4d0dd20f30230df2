import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CrmAdapter } from '../crm/types';

export function runActions(_ctx: ContentScriptContext, _adapters: readonly CrmAdapter[]): void {}
