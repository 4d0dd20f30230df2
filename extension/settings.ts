// The extension's own preferences, in storage.local (never the session: that lives only in the
// background's storage.session). Content scripts may read these; nothing here is secret.
import { storage } from '@wxt-dev/storage';
import { regionOf } from './region';

/** The Greenline server. Defaults to the server this build was made for. */
export const serverUrlSetting = storage.defineItem<string>('local:serverUrl', {
  fallback: __GREENLINE_SERVER__,
});

/** ISO 3166 country for numbers a CRM shows without a country code ("(415) 555-0101", "020 7946 0958"). */
export const defaultCountrySetting = storage.defineItem<string>('local:defaultCountry', {
  fallback: regionOf(globalThis.navigator?.language),
});

/** Where a conversation opens: Chrome's side panel, or the same panel in its own window. */
export const panelSurfaceSetting = storage.defineItem<'side_panel' | 'window'>('local:panelSurface', {
  fallback: 'side_panel',
});

/** Whether the user turned on the green action on any page with phone numbers (needs `<all_urls>`). */
export const genericPagesSetting = storage.defineItem<boolean>('local:genericPages', { fallback: false });
