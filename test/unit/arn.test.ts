import { describe, expect, it } from 'vitest';
import { classifyArn, kindLabel, type IdentityKind } from '../../src/core/arn.js';

describe('classifyArn', () => {
  it.each([
    {
      arn: 'arn:aws:iam::123456789012:user/alice',
      want: { kind: 'iam-user', partition: 'aws', account: '123456789012', name: 'alice', short: 'user/alice' },
    },
    {
      arn: 'arn:aws:iam::123456789012:user/division/team/alice',
      want: { kind: 'iam-user', name: 'alice', path: '/division/team/', short: 'user/alice' },
    },
    {
      arn: 'arn:aws:sts::123456789012:assumed-role/Deployer/ci-run-42',
      want: { kind: 'assumed-role', role: 'Deployer', session: 'ci-run-42', short: 'assumed-role/Deployer/ci-run-42' },
    },
    {
      arn: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_ReadOnly_0a1b2c3d4e5f6789/jane@example.com',
      want: {
        kind: 'sso',
        role: 'AWSReservedSSO_ReadOnly_0a1b2c3d4e5f6789',
        session: 'jane@example.com',
        permissionSet: 'ReadOnly',
        short: 'sso/ReadOnly/jane@example.com',
      },
    },
    {
      arn: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Data_Admin_deadbeef/jane',
      want: { kind: 'sso', permissionSet: 'Data_Admin', short: 'sso/Data_Admin/jane' },
    },
    {
      arn: 'arn:aws:sts::123456789012:federated-user/bob',
      want: { kind: 'federated-user', name: 'bob', short: 'federated-user/bob' },
    },
    {
      arn: 'arn:aws:iam::123456789012:root',
      want: { kind: 'root', account: '123456789012', short: 'root' },
    },
    {
      arn: 'arn:aws-cn:iam::123456789012:user/li',
      want: { kind: 'iam-user', partition: 'aws-cn', short: 'user/li' },
    },
    {
      arn: 'arn:aws-us-gov:sts::123456789012:assumed-role/Ops/s1',
      want: { kind: 'assumed-role', partition: 'aws-us-gov' },
    },
    {
      arn: 'arn:aws-iso-b:iam::123456789012:root',
      want: { kind: 'root', partition: 'aws-iso-b' },
    },
    {
      arn: 'arn:aws:iam:::user/test',
      want: { kind: 'iam-user', account: '', name: 'test', short: 'user/test' },
    },
    {
      arn: '  arn:aws:iam::123456789012:user/alice \n',
      want: { kind: 'iam-user', name: 'alice' },
    },
  ])('Given $arn When classified Then it matches $want.kind', ({ arn, want }) => {
    expect(classifyArn(arn)).toMatchObject(want);
  });

  it.each([
    '',
    'garbage',
    'arn:aws:iam',
    'arn::iam::123:user/x',
    'arn:aws:iam::123456789012:role/SomeRole',
    'arn:aws:sts::123456789012:assumed-role/OnlyRole',
    'arn:aws:sts::123456789012:assumed-role//session',
    'arn:aws:iam::123456789012:user/',
    'arn:aws:s3:::my-bucket',
    'notarn:aws:iam::123:user/x',
  ])('Given the unexpected shape "%s" When classified Then it is unknown, showing the input, without throwing', (arn) => {
    const info = classifyArn(arn);
    expect(info.kind).toBe('unknown');
    expect(info.short).toBe(arn.trim());
  });
});

describe('kindLabel', () => {
  it.each<[IdentityKind, string]>([
    ['iam-user', 'IAM user'],
    ['assumed-role', 'assumed role'],
    ['sso', 'SSO'],
    ['federated-user', 'federated user'],
    ['root', 'root user'],
    ['unknown', 'unknown'],
  ])('Given the kind %s When labelled Then it reads "%s"', (kind, label) => {
    expect(kindLabel(kind)).toBe(label);
  });
});
