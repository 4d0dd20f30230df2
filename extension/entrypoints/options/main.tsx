// The options page: server, sign in / out, the person's preferences and, for admins, the org's
// settings (B21). Thin: the ports are wired here, the models and components do the rest.
import '../../zod-config';
import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/options/options.css';
import '../../components/options/controls.css';
import '../../components/options/content.css';
import { createOptionsPage } from '../../models/options/options-page';
import { runtimePorts } from './runtime-ports';

const page = createOptionsPage(runtimePorts(document));
const locale = navigator.language || 'en';
render(<OptionsApp page={page} locale={locale} />, document.getElementById('app') as HTMLElement);
void page.start();
