// Templates: sync from Meta, the list with each one's review state, the opt-in template (approved
// UTILITY only) and the variable mapping of each template with placeholders.
import type { OrgModel } from '../../models/options/org';
import {
  optInChoices,
  refOf,
  refValue,
  type TemplatesModel,
  templateTitle,
} from '../../models/options/templates';
import { TemplateVariables } from './TemplateVariables';
import { formValues, Section, TaskNotes } from './ui';

function OptInChoice(props: { model: TemplatesModel; org: OrgModel }) {
  const { model, org } = props;
  const current = org.org.value?.settings.optInTemplate ?? null;
  const choices = optInChoices(model.templates.value);
  const isListed = current !== null && choices.some((t) => refValue(t) === refValue(current));
  const onSubmit = (event: Event) => {
    event.preventDefault();
    void org.setOptInTemplate(refOf(formValues(event.currentTarget as HTMLFormElement)('optIn')));
  };
  return (
    <form class="form form--inline" onSubmit={onSubmit} key={current ? refValue(current) : 'none'}>
      <label class="field">
        <span>Opt-in template</span>
        {/* Each option says whether it is the org's: the templates may arrive after the org, and a
            select's default value set before its option exists would show "None chosen". */}
        <select name="optIn" aria-describedby="opt-in-hint">
          <option value="" selected={current === null}>
            None chosen
          </option>
          {current && !isListed && (
            <option value={refValue(current)} selected>
              {templateTitle(current)}
              {model.loaded.value ? ', no longer approved' : ''}
            </option>
          )}
          {choices.map((t) => (
            <option
              key={t.id}
              value={refValue(t)}
              selected={current !== null && refValue(t) === refValue(current)}
            >
              {templateTitle(t)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="button">
        Save opt-in template
      </button>
      <p id="opt-in-hint" class="hint">
        Sent to ask a customer's consent; only approved UTILITY templates can be chosen.
      </p>
      <TaskNotes task={org.optInTask} />
    </form>
  );
}

export function TemplatesSection(props: { templates: TemplatesModel; org: OrgModel }) {
  const { templates: model, org } = props;
  const list = model.templates.value;
  return (
    <Section id="templates" title="Templates">
      <button type="button" class="button button--primary" onClick={() => void model.sync()}>
        Sync templates from Meta
      </button>
      <TaskNotes task={model.task} busyText="Working…" />
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Language</th>
            <th scope="col">Category</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {list.map((t) => (
            <tr key={t.id}>
              <th scope="row">{t.name}</th>
              <td>{t.language}</td>
              <td>{t.category}</td>
              <td>{t.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <OptInChoice model={model} org={org} />
      <h3>Variables</h3>
      {list
        .filter((t) => t.variables.length > 0)
        .map((t) => (
          <TemplateVariables key={t.id} template={t} model={model} />
        ))}
      <TaskNotes task={model.variablesTask} />
    </Section>
  );
}
