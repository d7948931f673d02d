/**
 * Pure parsers: raw text of a run folder in, typed rows out. No VM, SSH or orchestration code is
 * imported here (a test enforces it). Every malformed line is an error naming {@code file:line} and,
 * where there is one, the field ({@link ptlab.SourceLocatedException}, exit code USAGE_ERROR).
 *
 * <h2>The run folder contract</h2>
 *
 * Written by the VM side, read here; {@code harness render} needs nothing else. The file names are
 * spelled once, in {@link ptlab.runfolder.RunFolder}; this page says what each file holds. A section whose raw
 * folder is absent is "not run"; a section folder with files missing fails the oracle
 * {@code <section>: raw files complete}.
 *
 * <pre>
 * results/&lt;experiment&gt;/&lt;run-id&gt;/
 *   manifest.json          JSON object. Used keys: experiment, run_id, author.first, author.last,
 *                          accelerator ("tcg"|"kvm"), guest_kernel, source_root; every key is shown in
 *                          the report, nested keys flattened (author.first, steps[0].name).
 *   raw/kmsg.txt           /dev/kmsg records as read, one per line:
 *                            &lt;prio&gt;,&lt;seq&gt;,&lt;ts_usec&gt;,&lt;flags&gt;[,...];&lt;message&gt;
 *                          Lines starting with a space (dictionary continuations) are skipped.
 *                          Sequence gaps are lost records (oracle "no kmsg record lost").
 *   raw/kern.log           rsyslog's kern.log, either
 *                            2026-11-24T01:02:03.123456+00:00 host kernel: [   12.345678] msg
 *                            Nov 24 01:02:03 host kernel: msg
 *                          (bracketed timestamp optional). Module line counts are compared with kmsg.
 *   raw/guest/*.txt        uname.txt, cmdline.txt, thp_enabled.txt, lru_gen.txt ("absent" without MGLRU),
 *                          clocksource.txt (current clocksource), meminfo.txt: shown verbatim.
 *
 *   raw/part1/&lt;scheme&gt;/     scheme in 4k, 2m, whole
 *     memalloc.out         memalloc pid=&lt;pid&gt; scheme=4k size=&lt;bytes&gt; thp=&lt;choice&gt; chunks=&lt;n&gt; alloc_ns=&lt;n&gt; touch_ns=&lt;n&gt;
 *                          (key=value, extra keys allowed), then "chunk 0x&lt;va&gt; &lt;len&gt;" lines, then "ready".
 *                          Generally: "&lt;tag&gt; key=value..." lines, chunk lines, and "ready".
 *     pagemap-per-page.csv, pagemap-batched.csv
 *                          header va,pa,pfn,present,swapped,exclusive,file_shared,soft_dirty,zero_page,thp,lat_ns
 *                          (columns found by name; extra columns ignored); va/pa/pfn 0x-hex, flags 0/1,
 *                          lat_ns decimal. Up to 524,288 rows, streamed.
 *
 *   raw/xlate/             memalloc.out with "xlate pid=.. base=0x.. pages=N written=N errors=N" and chunk
 *                          lines; pagemap-per-page.csv and pagemap-batched.csv of the same pages;
 *                          write-lat.csv (optional) header va,vas,lat_ns: each write() to /proc/lkp25p3 timed
 *                          like pagemap's pread (first VA, VAs it carried, ns).
 *                          kmsg: lkp25p3: xlate va=0x.. pa=0x.. pfn=0x.. level=pte|pmd|pud|none lat_ns=N [clk_ns=N]
 *                          [err=reason]; clk_ns (an empty ktime_get_ns() pair) is absent from older modules.
 *                          Oracle: module PA == pfn&lt;&lt;12 | (va &amp; 0xfff) from both pagemap reads.
 *
 *   raw/vma/               maps.txt (/proc/1/maps), smaps.txt (/proc/1/smaps).
 *                          kmsg: lkp25p3: vma_dump begin pid=1
 *                                human lines VMA1: [...], Permissions: r-xp, Type: ..., File: ..., Offset: ...
 *                                lkp25p3: vma idx=N start=0x.. end=0x.. flags=0x&lt;vm_flags&gt; pgoff=0x.. type=file|heap|stack|anon|special name=&lt;rest of line&gt;
 *                                lkp25p3: vma_dump end pid=1 count=N
 *                          The last complete dump (count equals its vma lines) is compared with maps
 *                          (start, end, perms, offset, path; [vsyscall] excluded) and smaps VmFlags.
 *
 *   raw/access/            params.txt: key=value lines size, hot_end, warm_start, warm_end (bytes),
 *                          duration_s, scan_period_ms, report_ms, thp.
 *                          memalloc.out: progress lines "access t=&lt;s&gt; hot_passes=N warm_passes=N".
 *                          kmsg: lkp25p3: scan_start ... / scan_stop ...
 *                                lkp25p3: heat seq=R t_ms=T addr=0x.. pages=N part=i/k first=F rle=v[*run],...
 *                                lkp25p3: heat_done seq=R scans=N scan_ns_avg=N scan_ns_max=N present=N thp=N young=N
 *                          The parts of report R must tile pages 0..N-1 exactly with k parts; otherwise
 *                          the report is incomplete: counted, shown grey, never guessed. Only the last
 *                          scan session with reports is used.
 *
 *   raw/pagetable/         memalloc.out (chunk lines of the target buffer; "memalloc pid=" names the
 *                          target), pagemap.csv (pagemap header above), getpfn.csv (header
 *                          vpn,va,pfn,flags,errno; decimal or 0x-hex).
 *                          kmsg: pagetable: dump begin pid=P comm=C
 *                                pagetable: map va=0x.. pa=0x.. pages=N level=pte|pmd|pud
 *                                pagetable: dump end pid=P vmas=N pages=N runs=N
 *                          Oracles: getpfn PFN == pagemap PFN, and dump PA == pagemap PA, for every
 *                          buffer page.
 *
 *   raw/submission/        a student's submission driven only through the assignment's interfaces
 *     parts.json           {"assignment", "parts": [{"part", "state": found|missing|ambiguous, "detail",
 *                          "build": {"verdict": BUILT|BUILD_FAILED|NOT_BUILT, "built_by", "warnings",
 *                          "warnings_by_file": {file: n}, "excerpt"}}]}
 *     &lt;part&gt;/outcome.json  {"part", "verdict": RAN|KERNEL_CRASH|TIMEOUT|LOG_FLOOD|INSMOD_FAILED|BUILD_FAILED|
 *                          MISSING|NOT_RUN, "detail", "evidence"}; only RAN is judged, any other verdict
 *                          fails the part's oracle with its evidence.
 *     &lt;part&gt;/kmsg.txt      the /dev/kmsg stream during the part (format of raw/kmsg.txt); the student's lines
 *                          are every record strictly between the harness's markers, split at newlines.
 *     translate/truth.csv  header i,va,pa,huge,write_ns,errno: per VA written, the exact PA (offset
 *                          included; 0 = no page), THP flag, the write's time and errno.
 *                          kmsg markers: ptlab: xlate begin i=I va=0x.. / ptlab: xlate end i=I
 *     vma/maps-before.txt, maps-after.txt   /proc/1/maps around echo 0; markers ptlab: vma begin / end
 *     access/memalloc.out, memalloc.status  the student's memalloc output; key=value exit, signal,
 *                          timed_out, stdin, duration_s, ran_s.
 *                          markers ptlab: access begin pid=P duration_s=N / ptlab: access end
 * </pre>
 */
package ptlab.parse;
