// The API contract shared by the worker and the extension (request and response schemas).
export * from './admin';
export * from './auth';
export * from './common';
export * from './consent';
export * from './contacts';
export * from './conversations';
export * from './dead-letters';
export * from './media';
export * from './live';
export * from './templates';
export * from './text';
export * from './privacy';
