// Error replies shared by EVAL and FCALL.

export const WRITE_FLAG_ERROR = "ERR Can not execute a script with write flag using *_ro command.";
export const NO_CLUSTER_ERROR = "ERR Can not run script on cluster, 'no-cluster' flag is set.";
