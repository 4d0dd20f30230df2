// The person's own preferences, kept in this browser: default country, where conversations open,
// and the WhatsApp action on any page (asks for access to all sites when turned on).
import { useMemo } from 'preact/hooks';
import { countryOptions, type PreferencesModel } from '../../models/options/preferences';
import type { PanelSurface } from '../../models/options/ports';
import { Section, TaskNotes } from './ui';

const SURFACES: { value: PanelSurface; label: string }[] = [
  { value: 'side_panel', label: 'In the side panel' },
  { value: 'window', label: 'In their own window' },
];

export function PreferencesSection(props: { preferences: PreferencesModel; locale: string }) {
  const { preferences } = props;
  const countries = useMemo(() => countryOptions(props.locale), [props.locale]);
  return (
    <Section id="preferences" title="Your preferences">
      <label class="field">
        <span>Country for numbers without a country code</span>
        <select
          value={preferences.defaultCountry.value}
          onChange={(e) => void preferences.setDefaultCountry(e.currentTarget.value)}
        >
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="choices">
        <legend>Open conversations</legend>
        {SURFACES.map((s) => (
          <label key={s.value} class="choice">
            <input
              type="radio"
              name="panel-surface"
              value={s.value}
              checked={preferences.panelSurface.value === s.value}
              onChange={() => void preferences.setPanelSurface(s.value)}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
      <label class="choice">
        <input
          type="checkbox"
          checked={preferences.genericPages.value}
          aria-describedby="generic-pages-hint"
          onChange={(e) => void preferences.setGenericPages(e.currentTarget.checked)}
        />
        Show the WhatsApp action on any page with phone numbers
      </label>
      <p id="generic-pages-hint" class="hint">
        Your browser asks you to let Greenline read all sites; it looks only for phone numbers.
      </p>
      <TaskNotes task={preferences.task} />
    </Section>
  );
}
