import { createFakeLark } from './index.js';

/** Standalone fake Lark (`npm run fake-lark`): configured from FAKE_LARK_* variables, stops on SIGINT/SIGTERM. */
async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const port = Number(env.FAKE_LARK_PORT ?? 9300);
  const fake = createFakeLark({
    ...(env.FAKE_LARK_APP_ID ? { appId: env.FAKE_LARK_APP_ID } : {}),
    ...(env.FAKE_LARK_APP_SECRET ? { appSecret: env.FAKE_LARK_APP_SECRET } : {}),
    ...(env.FAKE_LARK_ENCRYPT_KEY ? { encryptKey: env.FAKE_LARK_ENCRYPT_KEY } : {}),
    ...(env.FAKE_LARK_VERIFICATION_TOKEN ? { verificationToken: env.FAKE_LARK_VERIFICATION_TOKEN } : {}),
    ...(env.FAKE_LARK_WEBHOOK_URL ? { webhookUrl: env.FAKE_LARK_WEBHOOK_URL } : {}),
  });
  const url = await fake.start(port);
  console.log(`fake-lark listening on ${url}`);
  console.log(
    `  app_id=${fake.appId} bot_open_id=${fake.botOpenId} webhook=${env.FAKE_LARK_WEBHOOK_URL ?? '(none)'}`,
  );
  console.log(`  point the SDK at domain=${url}; inspect at ${url}/_fake/messages`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`fake-lark: ${signal}, stopping`);
    fake.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('fake-lark failed to start:', err);
  process.exit(1);
});
