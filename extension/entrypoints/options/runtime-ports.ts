// The options page's ports in the real extension: API calls and session messages through the
// background, permissions and preferences through the browser, files through the page's DOM.
import type { WxtStorageItem } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import { adminApi } from '../../api/admin';
import { agentApi } from '../../api/agent';
import { runtimeTransport } from '../../api/runtime-transport';
import { onMessage, sendMessage } from '../../messaging/protocol';
import { downloadText } from '../../models/options/download';
import type { OptionsPorts, Preferences, PreferencesPort } from '../../models/options/ports';
import {
  defaultCountrySetting,
  genericPagesSetting,
  panelSurfaceSetting,
  serverUrlSetting,
} from '../../settings';

type Items = { [K in keyof Preferences]: WxtStorageItem<Preferences[K], Record<string, unknown>> };

const items: Items = {
  serverUrl: serverUrlSetting,
  defaultCountry: defaultCountrySetting,
  panelSurface: panelSurfaceSetting,
  genericPages: genericPagesSetting,
};

const preferences: PreferencesPort = {
  get: (key) => items[key].getValue(),
  set: (key, value) => items[key].setValue(value),
};

export function runtimePorts(doc: Document): OptionsPorts {
  return {
    admin: adminApi(runtimeTransport),
    agent: agentApi(runtimeTransport),
    messaging: {
      getStatus: () => sendMessage('getStatus'),
      signIn: (input) => sendMessage('signIn', input),
      acceptInvitation: (input) => sendMessage('acceptInvitation', input),
      signOut: () => sendMessage('signOut'),
      onStatusChanged: (listener) => onMessage('statusChanged', ({ data }) => listener(data)),
      onLiveFrame: (listener) => onMessage('liveFrame', ({ data }) => listener(data)),
    },
    permissions: {
      request: (origins) => browser.permissions.request({ origins }),
      remove: (origins) => browser.permissions.remove({ origins }),
      contains: (origins) => browser.permissions.contains({ origins }),
    },
    preferences,
    files: {
      download: (fileName, text, contentType) => downloadText(doc, fileName, text, contentType),
      copy: (text) => navigator.clipboard.writeText(text),
    },
    defaultServer: __GREENLINE_SERVER__,
  };
}
