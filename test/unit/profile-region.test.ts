import { describe, expect, it } from 'vitest';
import { parseProfileRegion } from '../../src/aws/profile-region.js';

const ini = `
[default]
region = us-west-2
output = json

[profile dev]
sso_start_url = https://x.awsapps.com/start
s3 =
  region = should-not-match
region=eu-central-1 ; a comment

[profile  spaced ]
region = ap-south-1
`;

describe("a profile's region from ~/.aws/config", () => {
  it('reads [default]', () => expect(parseProfileRegion(ini, 'default')).toBe('us-west-2'));
  it('reads [profile dev], ignoring nested settings and comments', () => expect(parseProfileRegion(ini, 'dev')).toBe('eu-central-1'));
  it('tolerates spaces in the section header', () => expect(parseProfileRegion(ini, 'spaced')).toBe('ap-south-1'));
  it('is undefined for an unknown profile', () => expect(parseProfileRegion(ini, 'nope')).toBeUndefined());
});
