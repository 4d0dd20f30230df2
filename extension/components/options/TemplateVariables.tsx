// Where each placeholder of a template takes its value from when an agent sends it (B7).
import { VariableSourceSchema } from '../../../shared/api/common';
import type { AdminTemplate } from '../../../shared/api/templates';
import { SOURCE_LABELS, type TemplatesModel, templateTitle } from '../../models/options/templates';
import { Hidden } from './ui';

const SOURCES = VariableSourceSchema.options;

function placeholderLabel(v: AdminTemplate['variables'][number]): string {
  const where = v.component === 'HEADER' ? 'the header' : 'the body';
  return `${v.placeholder} in ${where}${v.example ? ` (example: ${v.example})` : ''}`;
}

export function TemplateVariables(props: { template: AdminTemplate; model: TemplatesModel }) {
  const { template, model } = props;
  const draft = model.drafts.value[template.id];
  return (
    <fieldset class="variables">
      <legend>Variables of {templateTitle(template)}</legend>
      {template.variables.map((v) => (
        <label key={v.key} class="field">
          <span>{placeholderLabel(v)}</span>
          <select
            value={draft?.[v.key] ?? v.source}
            onChange={(e) => {
              const source = VariableSourceSchema.safeParse(e.currentTarget.value);
              if (source.success) model.choose(template, v.key, source.data);
            }}
          >
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="button" class="button" onClick={() => void model.saveVariables(template)}>
        Save variables<Hidden> of {templateTitle(template)}</Hidden>
      </button>
    </fieldset>
  );
}
