import express, { type Express } from 'express';
import { requireToken } from './http/bearer.middleware.js';
import { answerErrors, parseJson } from './http/body-parsers.js';
import { recordCalls } from './http/call-recorder.middleware.js';
import { injectFaults } from './http/fault.middleware.js';
import { LarkCode, sendLarkError } from './lark-errors.js';
import { authRoutes } from './routes/auth.routes.js';
import { chatRoutes } from './routes/chat.routes.js';
import { directoryRoutes } from './routes/directory.routes.js';
import { fileRoutes } from './routes/file.routes.js';
import { type FakeControls, inspectRoutes } from './routes/inspect.routes.js';
import { messageEditRoutes } from './routes/message-edit.routes.js';
import { messageReadRoutes } from './routes/message-read.routes.js';
import { messagesRoutes } from './routes/messages.routes.js';
import { oauthRoutes } from './routes/oauth.routes.js';
import { wsEndpointRoutes } from './routes/ws-endpoint.routes.js';

/** The express app: call log → JSON body → faults → `/_fake` controls, `/open-apis` and `/callback/ws` routes → 404. */
export function createFakeLarkApp(controls: FakeControls): Express {
  const { state } = controls;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(recordCalls(state));
  // Bodies are parsed before faults answer, so the call log shows what a faulted call carried (its uuid).
  app.use(parseJson);
  app.use(injectFaults(state));
  app.use('/_fake', inspectRoutes(controls));

  const auth = requireToken(state);
  const open = express.Router();
  open.use(authRoutes(state));
  open.use(oauthRoutes(state));
  open.use(messagesRoutes(state, auth));
  open.use(messageEditRoutes(state, auth));
  open.use(messageReadRoutes(state, auth));
  open.use(chatRoutes(state, auth));
  open.use(fileRoutes(state, auth));
  open.use(directoryRoutes(state, auth));
  app.use('/open-apis', open);
  app.use(wsEndpointRoutes(state, controls.hub));

  app.use((req, res) => {
    sendLarkError(res, 404, LarkCode.pathNotFound, `404 page not found: ${req.method} ${req.path}`);
  });
  app.use(answerErrors);
  return app;
}
