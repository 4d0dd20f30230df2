import { describe, expect, it } from 'vitest';
import {
  ALL_URLS,
  countryOptions,
  createPreferencesModel,
  GENERIC_REFUSED,
} from '../../../extension/models/options/preferences';
import { regionOf } from '../../../extension/region';
import { fakePorts } from './support';

describe('preferences: default country', () => {
  it('B18: is, until chosen, the region of the browser’s language (a London team reads 020 numbers as British)', () => {
    expect(regionOf('en-GB')).toBe('GB');
    expect(regionOf('pt-BR')).toBe('BR');
    expect(regionOf('zh-Hans-CN')).toBe('CN');
    expect(regionOf('de')).toBe('US');
    expect(regionOf(undefined)).toBe('US');
  });

  it('offers every phone country by name with its calling code, sorted by name', () => {
    const options = countryOptions('en');
    expect(options).toContainEqual({ code: 'DE', label: 'Germany (+49)' });
    expect(options).toContainEqual({ code: 'US', label: 'United States (+1)' });
    const labels = options.map((o) => o.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
    expect(countryOptions('de')).toContainEqual({ code: 'DE', label: 'Deutschland (+49)' });
  });

  it('stores the chosen country and where conversations open', async () => {
    const fake = fakePorts({});
    const prefs = createPreferencesModel(fake.ports);
    await prefs.setDefaultCountry('DE');
    await prefs.setPanelSurface('window');
    expect(fake.stored).toMatchObject({ defaultCountry: 'DE', panelSurface: 'window' });
    expect(prefs.task.done.value).toBe('Saved.');
  });
});

describe('preferences: the action on any page (B18)', () => {
  it('asks for <all_urls> inside the click, before anything is awaited, and stores the choice', async () => {
    const fake = fakePorts({});
    const prefs = createPreferencesModel(fake.ports);
    const turningOn = prefs.setGenericPages(true);
    expect(fake.permissions.request).toHaveBeenCalledWith([ALL_URLS]);
    await turningOn;
    expect(prefs.genericPages.value).toBe(true);
    expect(fake.stored.genericPages).toBe(true);
  });

  it('stays off and says what it means when the person refuses', async () => {
    const fake = fakePorts({});
    fake.permissions.request.mockResolvedValue(false);
    const prefs = createPreferencesModel(fake.ports);
    await prefs.setGenericPages(true);
    expect(prefs.genericPages.value).toBe(false);
    expect(fake.stored.genericPages).toBe(false);
    expect(prefs.task.error.value).toBe(GENERIC_REFUSED);
  });

  it('gives the permission back when turned off', async () => {
    const fake = fakePorts({});
    fake.stored.genericPages = true;
    const prefs = createPreferencesModel(fake.ports);
    await prefs.setGenericPages(false);
    expect(fake.permissions.remove).toHaveBeenCalledWith([ALL_URLS]);
    expect(fake.stored.genericPages).toBe(false);
  });

  it('shows it off when the permission was revoked in the browser', async () => {
    const fake = fakePorts({});
    fake.stored.genericPages = true;
    fake.permissions.contains.mockResolvedValue(false);
    const prefs = createPreferencesModel(fake.ports);
    await prefs.load();
    expect(prefs.genericPages.value).toBe(false);
  });
});
