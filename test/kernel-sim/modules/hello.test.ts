// hello.ko through insmod/rmmod/lsmod/modinfo/modprobe: dmesg lines, /proc/modules, /sys/module/hello and its parameters as on Linux 6.1.
import { describe, it, expect, beforeAll } from 'vitest';
import { driver, source, machine, sh, dmesg, reference } from './helpers.ts';

let hello: Uint8Array;
beforeAll(async () => { hello = await driver('hello'); }, 120_000);

describe('hello.ko', () => {
  it('insmod with parameters prints the greetings and the taint lines real Linux printed', () => {
    const m = machine({ '/root/hello.ko': hello });
    expect(sh(m, 'insmod /root/hello.ko who=anchor times=2; echo rc=$?')).toBe('rc=0\n');
    const ref = [...reference('dmesg-our-modules.txt').matchAll(/^\[[ \d.]+\] (hello: .*)$/gm)].map((x) => x[1]);
    expect(dmesg(m).filter((l) => l.startsWith('hello:'))).toEqual(ref);
  });

  it('/proc/modules and lsmod match the reference lines for hello', () => {
    const m = machine({ '/root/hello.ko': hello });
    sh(m, 'insmod /root/hello.ko who=anchor times=2');
    const procLine = reference('proc-modules.txt').split('\n').find((l) => l.startsWith('hello '))!;
    const ours = sh(m, 'cat /proc/modules').trim();
    expect(ours.replace(/0x[0-9a-f]+/, 'ADDR')).toBe(procLine.replace(/0x[0-9a-f]+/, 'ADDR'));
    const lsmod = sh(m, 'lsmod').split('\n');
    const ref = reference('lsmod.txt').split('\n');
    expect(lsmod[0]).toBe(ref[1]);
    expect(lsmod[1]).toBe(ref.find((l) => l.startsWith('hello ')));
  });

  it('/sys/module/hello/parameters shows the values with their modes, and a 0644 one is writable', () => {
    const m = machine({ '/root/hello.ko': hello });
    sh(m, 'insmod /root/hello.ko who=anchor times=2');
    expect(sh(m, 'grep . /sys/module/hello/parameters/*')).toBe('/sys/module/hello/parameters/times:2\n/sys/module/hello/parameters/who:anchor\n');
    const modes = sh(m, 'stat -c "%A %n" /sys/module/hello/parameters/times /sys/module/hello/parameters/who');
    expect(modes).toBe('-rw-r--r-- /sys/module/hello/parameters/times\n-r--r--r-- /sys/module/hello/parameters/who\n');
    expect(sh(m, 'echo 7 > /sys/module/hello/parameters/times; cat /sys/module/hello/parameters/times')).toBe('7\n');
    expect(sh(m, 'echo 1 > /sys/module/hello/parameters/who; echo rc=$?')).toMatch(/rc=1/);
    expect(sh(m, 'cat /sys/module/hello/refcnt /sys/module/hello/initstate /sys/module/hello/taint /sys/module/hello/coresize')).toBe('0\nlive\nOE\n16384\n');
  });

  it('insmod twice is EEXIST; a bad value is EINVAL with the kernel message; rmmod says goodbye and frees', () => {
    const m = machine({ '/root/hello.ko': hello });
    expect(sh(m, 'insmod /root/hello.ko times=x; echo rc=$?')).toBe("insmod: can't insert '/root/hello.ko': Invalid argument\nrc=1\n");
    expect(dmesg(m)).toContain("hello: `x' invalid for parameter `times'");
    expect(sh(m, 'insmod /root/hello.ko times=101; echo rc=$?')).toBe("insmod: can't insert '/root/hello.ko': Invalid argument\nrc=1\n");
    expect(sh(m, 'insmod /root/hello.ko who=anchor; insmod /root/hello.ko; echo rc=$?')).toBe("insmod: can't insert '/root/hello.ko': File exists\nrc=1\n");
    expect(sh(m, 'rmmod hello; echo rc=$?; cat /proc/modules; ls /sys/module/hello 2>&1 | head -1')).toMatch(/^rc=0\n(ls: .*No such file or directory\n)?$/);
    expect(dmesg(m)).toContain('hello: goodbye, anchor');
    expect(sh(m, 'rmmod hello; echo rc=$?')).toBe("rmmod: can't unload module 'hello': No such file or directory\nrc=1\n");
  });

  it('the taint messages are printed once, and unknown parameters are ignored with a warning', () => {
    const m = machine({ '/root/hello.ko': hello });
    sh(m, 'insmod /root/hello.ko bogus=1; rmmod hello; insmod /root/hello.ko');
    const d = dmesg(m);
    expect(d.filter((l) => l.includes('out-of-tree')).length).toBe(1);
    expect(d.filter((l) => l.includes('verification failed')).length).toBe(1);
    expect(d).toContain("hello: unknown parameter 'bogus' ignored");
    expect(sh(m, 'cat /proc/sys/kernel/tainted')).toBe('12288\n');
  });

  it('modinfo prints the fields in the reference order; depmod + modprobe load by name and by alias', () => {
    const m = machine({ '/lib/modules/6.1.0-kwb/extra/hello.ko': hello });
    const ref = reference('modinfo.txt').split('\n');
    const refHello = ref.slice(ref.findIndex((l) => l.startsWith('filename:') && l.endsWith('/hello.ko'))).filter(Boolean);
    const ours = sh(m, 'modinfo /lib/modules/6.1.0-kwb/extra/hello.ko').trimEnd().split('\n');
    const norm = (l: string): string => l.trimEnd().replace(/6\.1\.0-\S+/g, 'REL').replace(/ modversions$/, '').replace(/^filename:.*$/, 'filename:');
    expect(ours.map(norm)).toEqual(refHello.map(norm));
    // Beside the kernel's own modules (kernel/...), depmod lists the one in extra/ with no dependencies.
    expect(sh(m, 'depmod; cat /lib/modules/6.1.0-kwb/modules.dep').split('\n').filter((l) => l && !l.startsWith('kernel/'))).toEqual(['extra/hello.ko:']);
    expect(sh(m, 'modprobe hello who=probe; echo rc=$?; modinfo -F license hello')).toBe('rc=0\nGPL\n');
    expect(dmesg(m)).toContain('hello: hello, probe (1/1)');
    expect(sh(m, 'modprobe -r hello; echo rc=$?; cat /proc/modules')).toBe('rc=0\n');
    expect(sh(m, 'modprobe nosuch; echo rc=$?')).toBe('modprobe: FATAL: Module nosuch not found in directory /lib/modules/6.1.0-kwb\nrc=1\n');
  });

  it('request_module from a module runs modprobe, which loads the named module; a module without exit is [permanent]', async () => {
    const req = await source('req.c', '#include <linux/module.h>\n#include <linux/kmod.h>\nstatic int __init req_init(void)\n{\n\tpr_info("req: request_module(hello) = %d\\n", request_module("hello"));\n\treturn 0;\n}\nmodule_init(req_init);\nMODULE_LICENSE("GPL");\n');
    const m = machine({ '/lib/modules/6.1.0-kwb/extra/hello.ko': hello, '/root/req.ko': req });
    expect(sh(m, 'depmod; insmod /root/req.ko; echo rc=$?')).toBe('rc=0\n');
    expect(dmesg(m)).toEqual(expect.arrayContaining(['hello: hello, world (1/1)', 'req: request_module(hello) = 0']));
    expect(sh(m, 'lsmod | tail -n +2')).toBe('hello                  16384  0 \nreq                    16384  0 [permanent]\n');
    expect(sh(m, 'rmmod req; echo rc=$?')).toBe("rmmod: can't unload module 'req': Device or resource busy\nrc=1\n");
  });
});
