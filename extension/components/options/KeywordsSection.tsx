// Keywords (B3): the four lists, one keyword per line; saving makes them the org's own lists,
// "Use the defaults" goes back to Greenline's (which may improve over time).
import { KEYWORD_LISTS, keywordsToTexts, textsToKeywords } from '../../models/options/keywords';
import type { OrgModel } from '../../models/options/org';
import { formValues, Section, TaskNotes } from './ui';

export function KeywordsSection(props: { org: OrgModel }) {
  const { org } = props;
  const lists = org.keywords.value;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    const field = formValues(event.currentTarget as HTMLFormElement);
    void org.saveKeywords(
      textsToKeywords({ optIn: field('optIn'), optOut: field('optOut'), yes: field('yes'), no: field('no') }),
    );
  };
  if (!lists) return null;
  const texts = keywordsToTexts(lists);
  return (
    <Section id="keywords" title="Keywords">
      <p class="hint">
        {org.usesDefaultKeywords.value
          ? "These are Greenline's default keywords (English, Spanish, Portuguese, French, German)."
          : 'Your organisation uses its own keywords.'}{' '}
        A customer's whole message must be one of them. One keyword per line.
      </p>
      <form class="form keywords" onSubmit={onSubmit} key={JSON.stringify(lists)}>
        {KEYWORD_LISTS.map((list) => (
          <div key={list.name} class="field">
            <label for={`keywords-${list.name}`}>{list.label}</label>
            <textarea
              id={`keywords-${list.name}`}
              name={list.name}
              rows={6}
              defaultValue={texts[list.name]}
              aria-describedby={`keywords-${list.name}-hint`}
            />
            <span id={`keywords-${list.name}-hint`} class="hint">
              {list.hint}
            </span>
          </div>
        ))}
        <div class="actions">
          <button type="submit" class="button button--primary">
            Save keywords
          </button>
          <button type="button" class="button" onClick={() => void org.useDefaultKeywords()}>
            Use the defaults
          </button>
        </div>
      </form>
      <TaskNotes task={org.keywordsTask} />
    </Section>
  );
}
