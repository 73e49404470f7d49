export const USAGE_HINT = "Run 's3peek --help' for usage.";

const GLOBAL = `Global options:
  --profile NAME        AWS profile (default: AWS_PROFILE, then the default chain)
  --region REGION       region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1)
  --endpoint-url URL    S3-compatible endpoint (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL)
  --path-style          path-style addressing (default: on when an endpoint URL is set)
  --no-path-style       virtual-hosted addressing even with an endpoint URL
  --no-color            no colours (also NO_COLOR)
  -h, --help            this help;  --version  print the version
`;

const COMMANDS: Record<string, string> = {
  browse: `s3peek [s3://bucket[/prefix/]]
  Browse buckets and objects in a terminal UI and copy share links. Press ? inside for keys.
`,
  ls: `s3peek ls [s3://bucket[/prefix]] [--recursive] [--json]
  List buckets, or the prefixes and objects under a prefix.
  -r, --recursive       every key under the prefix, not just one level
  --json                one JSON object per line, streamed as pages arrive
  --page-size N         keys per ListObjectsV2 request (1-1000, default 1000)
`,
  presign: `s3peek presign s3://bucket/key [--expires DURATION] [--method GET|PUT] [--copy] [--json] [--strict]
  Print a pre-signed URL on stdout, and on stderr when it will really stop working.
  --expires DURATION    30s, 15m, 1h30m, 12h, 1d, 7d, 1w or seconds; at most 7 days (default 1h)
  --method GET|PUT      GET downloads (default), PUT uploads
  --copy                also copy the URL to the clipboard
  --json                one JSON object with the URL, its lifetime and the signer
  --strict              exit 3 when the session ends before the requested expiry
`,
  whoami: `s3peek whoami [--json]
  Who signs: the ARN, account, credential source, and when the session ends.
`,
  inspect: `s3peek inspect URL [--probe] [--json]
  Decode a pre-signed URL part by part and tell when it really dies.
  --probe               ask the server whether it works now (1-byte GET, nothing downloaded);
                        exits 1 when it does not work
  --json                one JSON object
`,
};

export function helpText(command?: string): string {
  if (command && COMMANDS[command]) return `Usage: ${COMMANDS[command]}\n${GLOBAL}`;
  return `s3peek — browse S3 and share pre-signed links that tell the truth about when they die.

Usage:
  ${Object.values(COMMANDS).map((c) => c.split('\n')[0]).join('\n  ')}

Commands:
  (none)                open the terminal UI (buckets, or the given s3:// path)
  ls                    list buckets, prefixes and objects
  presign               print a share URL with its effective expiry
  whoami                show the signer and its session end
  inspect               decode a pre-signed URL and tell when it dies

${GLOBAL}
Exit codes: 0 ok, 1 network/S3/credential error, 2 usage or invalid input, 3 presign --strict shortened.
Run 's3peek help COMMAND' for a command's options.
`;
}
