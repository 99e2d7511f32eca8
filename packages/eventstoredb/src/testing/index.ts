export { startTestServer, SERVER_VERSION, type TestServer, type TestServerOptions } from './testServer.js';
