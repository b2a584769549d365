// configfs for modules (fs/configfs: configfs_register_subsystem, attributes through cat/echo, mkdir/rmdir calling
// make_item/make_group/drop_item, config_item_put calling release), proved by the fixture configfs-demo (builds with kbuild).
import { describe, it, expect } from 'vitest';
import { driver, machine, sh, dmesg } from '../modules/helpers.ts';

// configfs is mounted where its init made the mount point, as systemd's sys-kernel-config.mount does.
const CFG = '/sys/kernel/config';

describe('configfs subsystems of a module', () => {
  it('a childless subsystem shows its attributes and default group; show and store reach the module', async () => {
    const m = machine({ '/root/kwb_configfs.ko': await driver('configfs-demo') });
    expect(sh(m, `mount -t configfs none ${CFG} && insmod /root/kwb_configfs.ko; echo rc=$?`)).toBe('rc=0\n');
    expect(sh(m, `ls ${CFG}`)).toBe('kwb-groups\nkwb-items\nkwb-params\n');
    expect(sh(m, `ls ${CFG}/kwb-params`)).toBe('defaults\nname\npoke\nvalue\n');
    expect(sh(m, `stat -c %a ${CFG}/kwb-params/value ${CFG}/kwb-params/name ${CFG}/kwb-params/poke`)).toBe('644\n444\n200\n');
    expect(sh(m, `cat ${CFG}/kwb-params/value; echo 17 > ${CFG}/kwb-params/value; cat ${CFG}/kwb-params/value`)).toBe('0\n17\n');
    expect(sh(m, `echo x > ${CFG}/kwb-params/value; echo rc=$?; cat ${CFG}/kwb-params/value`)).toMatch(/rc=1\n17\n$/);
    expect(sh(m, `echo hello > ${CFG}/kwb-params/poke; echo rc=$?`)).toBe('rc=0\n');
    expect(dmesg(m)).toContain('kwb_configfs: poked with 6 bytes');
    // The name the module's C struct holds (ci_name pointing at ci_namebuf, as configfs_register_subsystem sets it).
    expect(sh(m, `cat ${CFG}/kwb-params/name`)).toBe('kwb-params\n');
    // No make_item/make_group: mkdir is -EPERM, as is rmdir of a default group.
    expect(sh(m, `mkdir ${CFG}/kwb-params/x 2>&1; echo rc=$?`)).toMatch(/Operation not permitted\nrc=1\n$/);
    expect(sh(m, `rmdir ${CFG}/kwb-params/defaults 2>&1; echo rc=$?`)).toMatch(/Operation not permitted\nrc=1\n$/);
  }, 300_000);

  it('mkdir makes items with make_item; rmdir drops them and the last put calls release', async () => {
    const m = machine({ '/root/kwb_configfs.ko': await driver('configfs-demo') });
    expect(sh(m, `mount -t configfs none ${CFG} && insmod /root/kwb_configfs.ko && mkdir ${CFG}/kwb-items/a ${CFG}/kwb-items/b; echo rc=$?`)).toBe('rc=0\n');
    expect(sh(m, `ls ${CFG}/kwb-items; ls ${CFG}/kwb-items/a`)).toBe('a\nb\nvalue\n');
    expect(sh(m, `echo 5 > ${CFG}/kwb-items/a/value; cat ${CFG}/kwb-items/a/value ${CFG}/kwb-items/b/value`)).toBe('5\n0\n');
    // make_item's ERR_PTR reaches mkdir; an item is no group, so mkdir in it is -EPERM.
    expect(sh(m, `mkdir ${CFG}/kwb-items/bad 2>&1; echo rc=$?`)).toMatch(/Invalid argument\nrc=1\n$/);
    expect(sh(m, `mkdir ${CFG}/kwb-items/a/c 2>&1; echo rc=$?`)).toMatch(/Operation not permitted\nrc=1\n$/);
    // Items hold their module: rmmod refuses while they exist.
    expect(sh(m, 'rmmod kwb_configfs 2>&1; echo rc=$?')).toMatch(/can't unload module 'kwb_configfs'.*\nrc=1\n$/);
    expect(sh(m, `rmdir ${CFG}/kwb-items/a; echo rc=$?; ls ${CFG}/kwb-items`)).toBe('rc=0\nb\n');
    const log = dmesg(m);
    expect(log.indexOf('kwb_configfs: drop a from kwb-items')).toBeGreaterThanOrEqual(0);
    expect(log.indexOf('kwb_configfs: release a (value 5)')).toBeGreaterThan(log.indexOf('kwb_configfs: drop a from kwb-items'));
    expect(sh(m, `rmdir ${CFG}/kwb-items/b && rmmod kwb_configfs; echo rc=$?; ls ${CFG}`)).toBe('rc=0\n');
  }, 300_000);

  it('mkdir makes groups with make_group; a group with items is not empty', async () => {
    const m = machine({ '/root/kwb_configfs.ko': await driver('configfs-demo') });
    expect(sh(m, `mount -t configfs none ${CFG} && insmod /root/kwb_configfs.ko && mkdir ${CFG}/kwb-groups/g && mkdir ${CFG}/kwb-groups/g/i; echo rc=$?`)).toBe('rc=0\n');
    expect(sh(m, `ls ${CFG}/kwb-groups/g`)).toBe('i\n');
    expect(sh(m, `rmdir ${CFG}/kwb-groups/g 2>&1; echo rc=$?`)).toMatch(/Directory not empty\nrc=1\n$/);
    expect(sh(m, `rmdir ${CFG}/kwb-groups/g/i ${CFG}/kwb-groups/g; echo rc=$?; ls ${CFG}/kwb-groups`)).toBe('rc=0\n');
    const log = dmesg(m);
    expect(log.indexOf('kwb_configfs: release group g')).toBeGreaterThan(log.indexOf('kwb_configfs: release i (value 0)'));
    expect(sh(m, 'rmmod kwb_configfs; echo rc=$?')).toBe('rc=0\n');
  }, 300_000);
});
