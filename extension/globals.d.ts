/** The server this build was made for (GREENLINE_SERVER at build time): the default in the options page. */
declare const __GREENLINE_SERVER__: string;
