// Minimal typings for the parts of s3rver@3.7.1 (CommonJS, untyped) the harness uses.

declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  namespace S3rver {
    interface Options {
      address?: string;
      port?: number;
      silent?: boolean;
      directory?: string;
      resetOnClose?: boolean;
      allowMismatchedSignatures?: boolean;
      vhostBuckets?: boolean;
      serviceEndpoint?: string;
      configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
    }
    interface StoredObject {
      bucket: string;
      key: string;
      content: Buffer | NodeJS.ReadableStream | null;
      metadata: Record<string, string | number>;
    }
    interface ListObjectsOptions {
      delimiter?: string;
      startAfter?: string;
      prefix?: string;
      maxKeys?: number;
    }
    interface ListObjectsResult {
      objects: StoredObject[];
      commonPrefixes: string[];
      isTruncated: boolean;
    }
    interface FilesystemStore {
      rootDirectory: string;
      getBucketPath(bucket: string): string;
      getResourcePath(bucket: string, key: string | undefined, resource: string): string;
      getMetadata(bucket: string, key: string): Promise<Record<string, string | number>>;
      putBucket(bucket: string): Promise<unknown>;
      getBucket(bucket: string): Promise<unknown | null>;
      putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
      listObjects(bucket: string, options: ListObjectsOptions): Promise<ListObjectsResult>;
      reset(): void;
    }
  }

  class S3rver {
    constructor(options?: S3rver.Options);
    store: S3rver.FilesystemStore;
    httpServer?: Server;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    reset(): void;
  }

  export = S3rver;
}

declare module 's3rver/lib/models/account.js' {
  class AWSAccount {
    constructor(accountId: number | string, displayName: string);
    id: number | string;
    displayName: string;
    accessKeys: Map<string, string>;
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
    revokeAccessKey(accessKeyId: string): void;
    static registry: Map<string, AWSAccount>;
    static DUMMY_ACCOUNT: AWSAccount;
  }
  export = AWSAccount;
}

declare module 's3rver/lib/models/object.js' {
  class S3Object {
    constructor(
      bucket: string,
      key: string,
      content: Buffer | NodeJS.ReadableStream | null,
      metadata: Record<string, string | number>,
    );
    bucket: string;
    key: string;
    content: Buffer | NodeJS.ReadableStream | null;
    metadata: Record<string, string | number>;
  }
  export = S3Object;
}

declare module 's3rver/lib/stores/filesystem.js' {
  import type S3rver from 's3rver';
  interface FilesystemStoreClass {
    new (rootDirectory: string): S3rver.FilesystemStore;
    prototype: S3rver.FilesystemStore;
    decodeKeyPath(keyPath: string): string;
    encodeKeyPath(key: string): string;
  }
  const FilesystemStore: FilesystemStoreClass;
  export = FilesystemStore;
}
