#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on this machine, for the Galera tests and benchmarks.
#
#   scripts/galera-cluster.sh start    starts the nodes that are not running: with none running, a
#                                      new cluster (node 1 bootstraps it, 2 and 3 join); otherwise
#                                      each missing node rejoins the running ones
#   scripts/galera-cluster.sh stop     stops every node (SIGTERM, then waits)
#   scripts/galera-cluster.sh status   each node's pid and its wsrep state
#   scripts/galera-cluster.sh pid N    the pid of node N's mariadbd (for a kill -9 test)
#
# Three mariadbd processes (the installed MariaDB 10.11 and Debian's galera-4) with their own data
# folders under $GALERA_DIR (default /tmp/tally-galera), listening on 127.0.0.1 only: SQL on
# 3307, 3308, 3309; Galera replication on 4567-4569, incremental state transfer on 4577-4579,
# full state transfer (rsync) on 4447-4449. The machine's own MariaDB (3306) is left alone.
# Once the cluster has three members it holds the database $GALERA_DATABASE (default
# tally_galera), and root may connect from 127.0.0.1 without a password, as on the test servers.
# Tests find the nodes through TALLY_TEST_GALERA=127.0.0.1:3307,127.0.0.1:3308,127.0.0.1:3309.
#
# Every table must have a primary key (wsrep_mode=REQUIRED_PRIMARY_KEY): Galera replicates rows
# by key, and a migration that forgets one fails here rather than in production.
set -euo pipefail

GALERA_DIR=${GALERA_DIR:-/tmp/tally-galera}
GALERA_DATABASE=${GALERA_DATABASE:-tally_galera}
NODES=(1 2 3)
MARIADBD=/usr/sbin/mariadbd
PROVIDER=/usr/lib/galera/libgalera_smm.so

sql_port() { echo $((3306 + $1)); }
gcomm_port() { echo $((4566 + $1)); }
ist_port() { echo $((4576 + $1)); }
sst_port() { echo $((4446 + $1)); }
node_dir() { echo "$GALERA_DIR/node$1"; }
socket() { echo "$(node_dir "$1")/mariadbd.sock"; }
pid_file() { echo "$(node_dir "$1")/mariadbd.pid"; }

node_pid() { # prints the pid of node $1 when it runs
  local file
  file=$(pid_file "$1")
  [[ -s $file ]] && kill -0 "$(cat "$file")" 2>/dev/null && cat "$file"
}

client() { # node, statement...
  local node=$1; shift
  mariadb --no-defaults --protocol=socket -S "$(socket "$node")" -uroot -N -B "$@"
}

wsrep() { # node, variable: its value, or nothing while the node does not answer
  client "$1" -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | cut -f2
}

write_config() { # node
  local node=$1 dir peers=""
  dir=$(node_dir "$node")
  for other in "${NODES[@]}"; do
    peers+="${peers:+,}127.0.0.1:$(gcomm_port "$other")"
  done
  cat >"$dir/my.cnf" <<EOF
[mysqld]
user = mysql
datadir = $dir/data
socket = $(socket "$node")
pid-file = $(pid_file "$node")
log-error = $dir/mariadbd.log
port = $(sql_port "$node")
bind-address = 127.0.0.1
skip-name-resolve
binlog_format = ROW
default_storage_engine = InnoDB
innodb_autoinc_lock_mode = 2
innodb_buffer_pool_size = 128M
max_connections = 300
wsrep_on = ON
wsrep_provider = $PROVIDER
wsrep_cluster_name = tally_galera
wsrep_cluster_address = gcomm://$peers
wsrep_node_name = node$node
wsrep_node_address = 127.0.0.1:$(gcomm_port "$node")
wsrep_provider_options = "gmcast.listen_addr=tcp://127.0.0.1:$(gcomm_port "$node");ist.recv_addr=127.0.0.1:$(ist_port "$node");gcache.size=256M"
wsrep_sst_method = rsync
wsrep_sst_receive_address = 127.0.0.1:$(sst_port "$node")
wsrep_mode = REQUIRED_PRIMARY_KEY
EOF
}

launch() { # node, extra mariadbd options...
  local node=$1; shift
  local dir
  dir=$(node_dir "$node")
  setsid "$MARIADBD" --defaults-file="$dir/my.cnf" "$@" </dev/null >>"$dir/mariadbd.log" 2>&1 &
  launched=$!
}

wait_synced() { # node: until it answers as a synced member of the primary component, or dies
  local node=$1
  for _ in $(seq 1 180); do
    if [[ "$(wsrep "$node" wsrep_local_state_comment)" == Synced \
      && "$(wsrep "$node" wsrep_cluster_status)" == Primary ]]; then
      return 0
    fi
    if ! kill -0 "$launched" 2>/dev/null; then
      break
    fi
    sleep 1
  done
  echo "node $node did not become a synced member; see $(node_dir "$node")/mariadbd.log" >&2
  tail -n 20 "$(node_dir "$node")/mariadbd.log" >&2 || true
  return 1
}

new_node() { # node: an empty data folder with its configuration
  local node=$1 dir
  dir=$(node_dir "$node")
  rm -rf "$dir"
  mkdir -p "$dir/data"
  write_config "$node"
  chown -R mysql:mysql "$dir"
}

start() {
  mkdir -p "$GALERA_DIR"
  chown mysql:mysql "$GALERA_DIR"
  local any_running=false node
  for node in "${NODES[@]}"; do
    if [[ -n "$(node_pid "$node")" ]]; then any_running=true; fi
  done
  if [[ $any_running == false ]]; then
    for node in "${NODES[@]}"; do new_node "$node"; done
    mariadb-install-db --defaults-file="$(node_dir 1)/my.cnf" --auth-root-authentication-method=socket \
      --skip-test-db >"$(node_dir 1)/install.log" 2>&1
    launch 1 --wsrep-new-cluster
    wait_synced 1
    client 1 -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
      GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
  fi
  for node in "${NODES[@]}"; do
    if [[ -z "$(node_pid "$node")" ]]; then
      # a node killed or stopped keeps its data and catches up with what it missed
      rm -f "$(pid_file "$node")"
      launch "$node"
      wait_synced "$node"
    fi
  done
  local size
  size=$(wsrep 1 wsrep_cluster_size)
  [[ "$size" == 3 ]] || { echo "cluster size is $size, not 3" >&2; return 1; }
  client 1 -e "CREATE DATABASE IF NOT EXISTS \`$GALERA_DATABASE\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  status
}

stop() {
  local node pid
  # the last node to stop is the one a later bootstrap could resume from; start makes a new one
  for node in 3 2 1; do
    pid=$(node_pid "$node") || continue
    kill -TERM "$pid"
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "node $node (pid $pid) did not stop within 60 s" >&2
      return 1
    fi
  done
  echo "stopped"
}

status() {
  local node pid
  for node in "${NODES[@]}"; do
    if pid=$(node_pid "$node"); then
      echo "node $node: pid $pid, 127.0.0.1:$(sql_port "$node"), $(wsrep "$node" wsrep_local_state_comment)," \
        "cluster size $(wsrep "$node" wsrep_cluster_size), $(wsrep "$node" wsrep_cluster_status)"
    else
      echo "node $node: not running"
    fi
  done
  echo "TALLY_TEST_GALERA=127.0.0.1:3307,127.0.0.1:3308,127.0.0.1:3309"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  pid) node_pid "${2:?which node: 1, 2 or 3}" ;;
  *) echo "usage: $0 start|stop|status|pid N" >&2; exit 2 ;;
esac
