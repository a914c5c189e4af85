#!/usr/bin/env bash
# A one-node Slurm cluster for the tests, started for one command and stopped after it:
#   tests/slurm/slurm_cluster.sh COMMAND [ARGS...]
# Installs Debian's slurmctld, slurmd and slurm-client (no recommends) when they are missing
# (root or sudo), writes a configuration under a temporary folder (auth/none, cred/none,
# proctrack/linuxproc, no accounting, ports 16817/16818), starts slurmctld -D and slurmd -D in
# the background, waits until sinfo shows the node idle, runs COMMAND with SLURM_CONF exported and
# stops the daemons it started. It fails (never skips) when Slurm cannot be installed or started,
# printing the daemons' log tails.
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }

fail() {
  echo "slurm_cluster: $*" >&2
  for f in "${work:-/nonexistent}"/slurmctld.log "${work:-/nonexistent}"/slurmd.log \
           "${work:-/nonexistent}"/slurmctld.out "${work:-/nonexistent}"/slurmd.out; do
    [ -f "$f" ] && { echo "--- tail of $f" >&2; tail -n 30 "$f" >&2; }
  done
  exit 1
}

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null ||
   ! command -v sbatch >/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "slurm_cluster: installing slurmctld slurmd slurm-client"
  $SUDO apt-get update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
      slurmctld slurmd slurm-client >/dev/null ||
    fail "cannot install slurmctld slurmd slurm-client with apt-get (root or sudo is needed)"
fi
[ "$(id -u)" -eq 0 ] || fail "slurmd must run as root (it starts jobs as their user)"

work=$(mktemp -d /tmp/lreg-slurm.XXXXXX) || fail "cannot create a temporary folder"
host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<CONF
ClusterName=lregtest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/none
CredType=cred/none
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
KillWait=5
MinJobAge=300
NodeName=$host CPUs=$cpus RealMemory=1024 State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

slurmctld -D -f "$SLURM_CONF" >"$work/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" >"$work/slurmd.out" 2>&1 &
pids+=($!)

for _ in $(seq 1 60); do
  for p in "${pids[@]}"; do
    kill -0 "$p" 2>/dev/null || fail "a Slurm daemon exited at start"
  done
  state=$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1)
  [ "$state" = "idle" ] && break
  sleep 1
done
[ "${state:-}" = "idle" ] || fail "the node did not become idle in 60 s (sinfo: '${state:-nothing}')"
echo "slurm_cluster: node $host idle ($cpus CPUs), SLURM_CONF=$SLURM_CONF"

"$@"
rc=$?
[ $rc -eq 0 ] || fail "the command exited with $rc"
exit 0
