// Each person's own preferences, kept in the extension (not on the server): the country assumed for
// numbers a CRM shows without a country code, where conversations open, and whether the green action
// appears on any page with phone numbers (B18; needs the optional `<all_urls>` permission).
import { signal } from '@preact/signals';
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import type { OptionsPorts, PanelSurface } from './ports';
import { createTask, Explained } from './task';

export const ALL_URLS = '<all_urls>';

export interface CountryOption {
  code: string;
  label: string;
}

/** Every country a phone number can belong to, named in the reader's language, sorted by name. */
export function countryOptions(locale: string): CountryOption[] {
  const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' });
  return getCountries()
    .map((code) => ({
      code,
      label: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

export const GENERIC_REFUSED =
  'Without access to all pages, Greenline can show the WhatsApp action only on the supported CRMs.';

export function createPreferencesModel(ports: OptionsPorts) {
  const defaultCountry = signal('US');
  const panelSurface = signal<PanelSurface>('side_panel');
  const genericPages = signal(false);
  const task = createTask();
  const { preferences, permissions } = ports;

  return {
    defaultCountry,
    panelSurface,
    genericPages,
    task,
    async load(): Promise<void> {
      await task.run(async () => {
        defaultCountry.value = await preferences.get('defaultCountry');
        panelSurface.value = await preferences.get('panelSurface');
        // Turned on here but revoked in the browser's settings counts as off.
        const stored = await preferences.get('genericPages');
        genericPages.value = stored && (await permissions.contains([ALL_URLS]));
      });
    },
    setDefaultCountry(code: string): Promise<unknown> {
      defaultCountry.value = code;
      return task.run(() => preferences.set('defaultCountry', code), 'Saved.');
    },
    setPanelSurface(surface: PanelSurface): Promise<unknown> {
      panelSurface.value = surface;
      return task.run(() => preferences.set('panelSurface', surface), 'Saved.');
    },
    /** Called from the click: the permission request must start before anything is awaited. */
    setGenericPages(on: boolean): Promise<unknown> {
      const change = on ? permissions.request([ALL_URLS]) : permissions.remove([ALL_URLS]);
      genericPages.value = on;
      return task.run(async () => {
        const changed = await change;
        const now = on ? changed : false;
        genericPages.value = now;
        await preferences.set('genericPages', now);
        if (on && !changed) throw new Explained(GENERIC_REFUSED);
      }, 'Saved.');
    },
  };
}

export type PreferencesModel = ReturnType<typeof createPreferencesModel>;
