// blk-iocost (io.weight on cgroup v2): io.cost.qos enables the controller per disk with the autop parameters its queue calls for (vdb is rotational: the HDD set), io.cost.model shows the linear model, io.stat gains cost.vrate and cost.usage, and two cgroups with io.weight 100 and 400 reading the same saturated disk share it about 1:4.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../../../kernel-sim/machine.ts';

const dts = readFileSync(new URL('../../../resources/machines/default.dts', import.meta.url), 'utf8');

describe('io.weight through blk-iocost', () => {
  const m = new Machine({ dts, dtsName: 'default.dts' });
  m.boot();
  const sh = (cmd: string): string => m.runCommand(`${cmd} 2>&1`).output;
  const CG = '/sys/fs/cgroup';
  const dev = sh('cat /sys/block/vdb/dev').trim();
  sh(`echo +io > ${CG}/cgroup.subtree_control; mkdir ${CG}/A ${CG}/B`);

  it('io.weight reads "default N"; io.cost.qos and io.cost.model live on the root and list the disks set up, as 6.1 prints them', () => {
    expect(sh(`echo 100 > ${CG}/A/io.weight; echo "default 400" > ${CG}/B/io.weight; cat ${CG}/A/io.weight ${CG}/B/io.weight`)).toBe('default 100\ndefault 400\n');
    expect(sh(`ls ${CG}/A | grep -c io.cost`)).toBe('0\n');
    expect(sh(`cat ${CG}/io.cost.qos`)).toBe('');
    expect(sh(`echo "${dev} enable=1" > ${CG}/io.cost.qos; cat ${CG}/io.cost.qos ${CG}/io.cost.model`)).toBe(
      `${dev} enable=1 ctrl=auto rpct=0.00 rlat=250000 wpct=0.00 wlat=250000 min=1.00 max=10000.00\n`
      + `${dev} ctrl=auto model=linear rbps=174019176 rseqiops=41708 rrandiops=370 wbps=178075866 wseqiops=42705 wrandiops=378\n`);
    expect(sh(`echo "${dev} min=200 max=100" > ${CG}/io.cost.qos; echo rc=$?`)).toMatch(/rc=1\n$/);
    expect(sh(`echo "${dev} rpct=95.5 rlat=5000" > ${CG}/io.cost.qos; cat ${CG}/io.cost.qos`)).toBe(
      `${dev} enable=1 ctrl=user rpct=95.50 rlat=5000 wpct=0.00 wlat=250000 min=1.00 max=10000.00\n`);
    expect(sh(`echo "${dev} ctrl=auto" > ${CG}/io.cost.qos; cat ${CG}/io.cost.qos`)).toContain(' ctrl=auto rpct=0.00 rlat=250000 ');
    expect(sh(`echo "${dev} ctrl=user rrandiops=740" > ${CG}/io.cost.model; cat ${CG}/io.cost.model`)).toContain(' ctrl=user model=linear rbps=174019176 rseqiops=41708 rrandiops=740 ');
    expect(sh(`echo "${dev} ctrl=auto" > ${CG}/io.cost.model; cat ${CG}/io.cost.model`)).toContain(' ctrl=auto model=linear rbps=174019176 rseqiops=41708 rrandiops=370 ');
  });

  it('two cgroups reading vdb at once with io.weight 100 and 400 get about 1:4 of its IOs; io.stat shows cost.usage (and cost.vrate at the root)', () => {
    const job = (n: string): string => `sh -c 'echo $$ > ${CG}/${n}/cgroup.procs; fio --name=${n} --filename=/dev/vdb --rw=randread --bs=4k --size=64M --direct=1 --runtime=2s --time_based > /dev/null'`;
    sh(`${job('A')} & ${job('B')} & wait`);
    const rios = (n: string): number => Number(new RegExp(`^${dev} rbytes=\\d+ wbytes=0 rios=(\\d+) wios=0 dbytes=0 dios=0 cost\\.usage=\\d+$`, 'm').exec(sh(`cat ${CG}/${n}/io.stat`))![1]);
    const a = rios('A'), b = rios('B');
    // The HDD model: 370 random reads per second of device time, a read within 4096 pages of the last one costing as a
    // sequential one (so about 650 a second over 64 MiB), shared 1:4 once both are active (the first budget is spent 1:1).
    expect(a + b, `A ${a}, B ${b}`).toBeGreaterThan(1000);
    expect(a + b, `A ${a}, B ${b}`).toBeLessThan(1800);
    expect(b / a).toBeGreaterThan(3.3);
    expect(b / a).toBeLessThan(4.7);
    expect(sh(`cat ${CG}/io.stat`)).toMatch(new RegExp(`^${dev} rbytes=\\d+ wbytes=0 rios=\\d+ wios=0 dbytes=0 dios=0 cost\\.vrate=100\\.00 cost\\.usage=\\d+$`, 'm'));
  });
});
