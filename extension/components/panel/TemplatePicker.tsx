// Choosing and sending a template (B7, seed: "tap the message you want and the message field will
// populate with the text"): the approved templates, the chosen one's typed fields (mapped ones are
// filled in and listed), and a preview as the customer will see it.
import { useEffect, useId, useRef } from 'preact/hooks';
import type { MappedVariable } from '../../../shared/api/common';
import type { AgentTemplate } from '../../../shared/api/templates';
import type { Availability } from '../../models/panel/status';
import type { FilledTemplate, FillSources } from '../../models/panel/template-fill';
import type { HeaderPicture } from '../../models/panel/templates';
import { sourceValue, templateTitle, variableLabel } from '../../models/panel/template-fill';
import { ErrorAlert } from './Feedback';
import { HeaderPictureField } from './HeaderPictureField';

export interface TemplatePickerProps {
  templates: readonly AgentTemplate[] | null;
  loadError: string | null;
  chosen: AgentTemplate | null;
  filled: FilledTemplate | null;
  typed: Readonly<Record<string, string>>;
  sources: FillSources;
  showProblems: boolean;
  availability: Availability;
  contactName: string;
  /** Present when the chosen template shows a picture at the top. */
  headerPicture?: {
    picture: HeaderPicture | null;
    error: string | null;
    sending: boolean;
    onChoose: (file: File) => void;
    onRemove: () => void;
  };
  onChoose: (id: string) => void;
  onField: (key: string, value: string) => void;
  onSend: () => void;
  onCancel: () => void;
  onReload: () => void;
}

const SOURCE_NAMES: Record<string, string> = {
  contact_first_name: 'contact’s first name',
  contact_name: 'contact’s name',
  user_name: 'your name',
  org_name: 'your company’s name',
};

function Field({
  v,
  value,
  problem,
  onField,
}: {
  v: MappedVariable;
  value: string;
  problem: string | null;
  onField: TemplatePickerProps['onField'];
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{variableLabel(v)}</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={v.example}
        aria-invalid={problem ? 'true' : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onInput={(e) => onField(v.key, e.currentTarget.value)}
      />
      {problem && (
        <p class="reason" id={`${id}-problem`}>
          {problem}
        </p>
      )}
    </div>
  );
}

function Preview({
  filled,
  contactName,
  pictureUrl,
}: {
  filled: FilledTemplate;
  contactName: string;
  pictureUrl: string | null;
}) {
  return (
    <section class="preview" aria-label={`Preview: as ${contactName} will see it`}>
      <p class="meta">Preview: as {contactName} will see it</p>
      {pictureUrl && <img class="picture" src={pictureUrl} alt="Shown at the top of the template" />}
      {filled.header && <p class="preview-header">{filled.header}</p>}
      <p class="text">{filled.body}</p>
      {filled.footer && <p class="preview-footer">{filled.footer}</p>}
      {filled.buttons.length > 0 && (
        <ul class="preview-buttons" aria-label="Buttons">
          {filled.buttons.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function TemplatePicker(props: TemplatePickerProps) {
  const { templates, loadError, chosen, filled, typed, sources, showProblems, availability, contactName } =
    props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const problems = new Map((showProblems ? (filled?.problems ?? []) : []).map((p) => [p.key, p.message]));
  const mapped = chosen?.variables.filter((v) => v.source !== 'typed') ?? [];
  return (
    <form
      class="template-picker"
      aria-label="Templates"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSend();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <h2 tabIndex={-1} ref={headingRef}>
        Templates
      </h2>
      {availability.note && <p class="note">{availability.note}</p>}
      {loadError && (
        <>
          <ErrorAlert message={loadError} />
          <button type="button" class="secondary" onClick={props.onReload}>
            Try again
          </button>
        </>
      )}
      {templates === null && !loadError && <p role="status">Loading templates…</p>}
      {templates?.length === 0 && <p>Your organisation has no approved templates yet.</p>}
      {templates && templates.length > 0 && (
        <fieldset>
          <legend>Choose a template</legend>
          {templates.map((t) => (
            <label key={t.id} class="choice">
              <input
                type="radio"
                name="template"
                checked={chosen?.id === t.id}
                onChange={() => props.onChoose(t.id)}
              />
              {templateTitle(t)}
            </label>
          ))}
        </fieldset>
      )}
      {chosen && filled && (
        <>
          {mapped.length > 0 && (
            <ul class="plain filled-in" aria-label="Filled in for you">
              {mapped.map((v) => (
                <li key={v.key}>
                  {variableLabel(v)}: {sourceValue(v.source, sources)} ({SOURCE_NAMES[v.source]})
                </li>
              ))}
            </ul>
          )}
          {chosen.variables
            .filter((v) => v.source === 'typed')
            .map((v) => (
              <Field
                key={v.key}
                v={v}
                value={typed[v.key] ?? ''}
                problem={problems.get(v.key) ?? null}
                onField={props.onField}
              />
            ))}
          {props.headerPicture && (
            <HeaderPictureField
              picture={props.headerPicture.picture}
              error={props.headerPicture.error}
              disabled={props.headerPicture.sending}
              onChoose={props.headerPicture.onChoose}
              onRemove={props.headerPicture.onRemove}
            />
          )}
          {problems.size > 0 && <ErrorAlert message="Fill in the template’s fields as shown above." />}
          {props.headerPicture?.sending && <p role="status">Uploading the header picture…</p>}
          <Preview
            filled={filled}
            contactName={contactName}
            pictureUrl={props.headerPicture?.picture?.url ?? null}
          />
        </>
      )}
      <div class="actions">
        <button
          type="submit"
          class="primary"
          disabled={!chosen || !availability.enabled || !!props.headerPicture?.sending}
        >
          Send
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
