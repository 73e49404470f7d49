// The heart of s3peek, as a person meets it: assumed-role credentials, the identity line with its
// countdown, a 12h request that the session cuts short — said BEFORE copying — and a clipboard (Xvfb)
// that holds a URL which really downloads the object.
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireMoto, requireTmux, requireXvfb } from '../support/servers.js';
import { assumeRoleMoto, MOTO_CREDENTIALS, type MotoAssumedRole } from '../support/moto.js';
import { startXvfb, readClipboard, clearClipboard, type Xvfb } from '../support/clipboard.js';
import { startTui, type Tui } from '../support/tmux.js';

const moto = await requireMoto();
const ok = (await requireTmux()) && (await requireXvfb()) && moto !== null;
const bucket = `share-${Date.now()}`;
const key = 'reports/Q3 summary + notes #1.txt';
const body = 'quarterly numbers';

describe.skipIf(!ok)('sharing a link with an assumed-role session (moto + Xvfb)', () => {
  let tui: Tui;
  let xvfb: Xvfb;
  let creds: MotoAssumedRole;

  beforeAll(async () => {
    const s3 = new S3Client({ endpoint: moto!.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...MOTO_CREDENTIALS } });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain' }));
    s3.destroy();
    creds = await assumeRoleMoto(moto!.endpoint, { roleName: 'Dev', sessionName: 'alice', seconds: 3000 });
    xvfb = await startXvfb();
    await clearClipboard(xvfb.display);
    tui = await startTui(['--endpoint-url', moto!.endpoint, `s3://${bucket}/reports/`], {
      env: {
        AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_SESSION_TOKEN: creds.sessionToken,
        AWS_CREDENTIAL_EXPIRATION: creds.expiration.toISOString(), AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true',
        DISPLAY: xvfb.display,
      },
    });
  });
  afterAll(async () => {
    await tui?.kill();
    await xvfb?.stop();
  });

  it('Then the identity line shows the role session and a live countdown', async () => {
    const screen = await tui.waitFor('assumed-role/Dev/alice', 15_000);
    expect(screen).toMatch(/session ends \d\d:\d\d \(in 49m \d+s\)/);
    expect(screen).toContain('assumed role');
    expect(screen).toContain('acct 123456789012');
    const first = /in 49m (\d+)s/.exec(screen)![1];
    const later = await tui.waitFor(new RegExp(`in 49m (?!${first}s)\\d+s`), 5000);
    expect(later).toMatch(/in 49m \d+s/);
  });

  it('When choosing 12h, Then the panel says the session limits the link, before anything is copied', async () => {
    await tui.waitFor('Q3 summary + notes #1.txt');
    await tui.send('Enter');
    await tui.waitFor('Share s3://');
    // 15m fits inside the 50-minute session: limited by the request.
    await tui.send('2');
    const fits = await tui.waitFor(/effective\s+valid until \d\d:\d\d \(15m\), as requested/);
    expect(fits).not.toContain('limited by your session');
    await tui.send('4');
    const screen = await tui.waitFor('limited by your session');
    expect(screen).toMatch(/effective\s+valid until \d\d:\d\d \(49m \d+s\), limited by your session \(assumed-role\/Dev\/alice\); you asked for 12h/);
    expect(screen).toMatch(/your session ends in 49m \d+s, before the 12h you asked for/);
    expect(await readClipboard(xvfb.display)).toBe('');
  });

  it('When y, Then the status says it was copied and repeats the effective expiry, and the clipboard URL downloads the object', async () => {
    await tui.send('y');
    const screen = await tui.waitFor('Copied — valid until');
    expect(screen).toMatch(/Copied — valid until \d\d:\d\d \(49m \d+s, limited by your session\)/);
    const url = await readClipboard(xvfb.display);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(url).toContain('X-Amz-Security-Token=');
    expect(url).toContain('X-Amz-Expires=43200');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(body);
  });

  it('When H, Then the link is in the history with its time left', async () => {
    await tui.send('Escape');
    await tui.waitForGone('Share s3://'); // ESC then H at once would read as alt-H
    await tui.send('H');
    const screen = await tui.waitFor('Links issued in this run');
    expect(screen).toMatch(/49m \d+s left .*\(session\)\s+GET/);
    expect(screen).toContain(`s3://${bucket}/${key}`);
    await tui.send('Escape');
    await tui.waitForGone('Links issued in this run');
  });

  it('When a custom 8d is typed, Then the error shows inline and y copies nothing', async () => {
    await clearClipboard(xvfb.display);
    await tui.send('p');
    await tui.waitFor('Share s3://');
    await tui.send('e');
    await tui.type('8d');
    const screen = await tui.waitFor('at most 7 days (604800 s)');
    expect(screen).toContain('fix the expiry to copy');
    await tui.send('Enter'); // leaves the text field
    await tui.send('y');
    await tui.waitFor('fix the expiry to copy');
    expect(await readClipboard(xvfb.display)).toBe('');
  });

  it('When u, Then a PUT upload URL is signed and works', async () => {
    await tui.send('1');
    await tui.send('u');
    await tui.waitFor('PUT upload');
    await tui.send('y');
    await tui.waitFor(/Copied — valid until \d\d:\d\d \(5m, as requested|Copied — valid until \d\d:\d\d \(5m\)/);
    const url = await readClipboard(xvfb.display);
    const res = await fetch(url, { method: 'PUT', body: 'replaced' });
    expect(res.status).toBe(200);
  });
});
