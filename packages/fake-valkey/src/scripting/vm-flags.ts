// Flags of redis.register_function, in the bit order vm/glue.c reports them.
// Kept apart from vm.ts so the registry can name them without loading the VM.

export const FUNCTION_FLAGS = [
  "no-writes",
  "allow-oom",
  "allow-stale",
  "no-cluster",
  "allow-cross-slot-keys",
] as const;
