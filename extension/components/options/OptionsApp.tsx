// The options page: account and preferences for everyone; for admins, every B21 setting, with a
// list of section links (a side column on wide screens, a wrapped row on narrow ones).
import type { OptionsPage } from '../../models/options/options-page';
import { AccountSection } from './AccountSection';
import { ConsentSection } from './ConsentSection';
import { DeadLettersSection } from './DeadLettersSection';
import { KeywordsSection } from './KeywordsSection';
import { NumberSection } from './NumberSection';
import { OrgSection } from './OrgSection';
import { PreferencesSection } from './PreferencesSection';
import { PrivacySection } from './privacy-section';
import { SubOrgsSection } from './SubOrgsSection';
import { TemplatesSection } from './TemplatesSection';
import { UsersSection } from './UsersSection';

const ADMIN_LINKS = [
  ['account', 'Account'],
  ['preferences', 'Your preferences'],
  ['organisation', 'Organisation'],
  ['users', 'Users'],
  ['sub-orgs', 'Sub-orgs'],
  ['number', 'WhatsApp number'],
  ['templates', 'Templates'],
  ['keywords', 'Keywords'],
  ['consent', 'Consent ledger'],
  ['dead-letters', 'Dead letters'],
  ['privacy', "Customers' data"],
] as const;

function AdminSections(props: { page: OptionsPage }) {
  const { org, users, subOrgs, number, templates, consent, deadLetters, privacy } = props.page.admin;
  return (
    <>
      <OrgSection org={org} />
      <UsersSection users={users} subOrgs={subOrgs} />
      <SubOrgsSection subOrgs={subOrgs} />
      <NumberSection number={number} />
      <TemplatesSection templates={templates} org={org} />
      <KeywordsSection org={org} />
      <ConsentSection consent={consent} />
      <DeadLettersSection deadLetters={deadLetters} />
      <PrivacySection privacy={privacy} />
    </>
  );
}

export function OptionsApp(props: { page: OptionsPage; locale: string }) {
  const { page } = props;
  const isAdmin = page.account.isAdmin.value;
  return (
    <div class={isAdmin ? 'layout layout--admin' : 'layout'}>
      <header class="layout__header">
        <h1>Greenline options</h1>
      </header>
      {isAdmin && (
        <nav class="layout__nav" aria-label="Sections">
          <ul>
            {ADMIN_LINKS.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main class="layout__main">
        <AccountSection account={page.account} />
        <PreferencesSection preferences={page.preferences} locale={props.locale} />
        {isAdmin && <AdminSections page={page} />}
      </main>
    </div>
  );
}
