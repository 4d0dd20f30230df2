// The background service worker: the only holder of the session and the live socket. It routes
// messages; the work is in background/.
import '../zod-config';
import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../background/main';

export default defineBackground({ type: 'module', main: () => startBackground() });
