// Models linux/include/net/snmp.h and include/uapi/linux/snmp.h: the per-namespace IPv4 MIB counters (struct netns_mib) under the names net/ipv4/proc.c prints, and the *_INC_STATS helpers the stack counts with.
//
// Linux keeps them per CPU and folds them when /proc/net/snmp is read; one machine-wide sum per namespace is the
// same number. The lists are in proc.c's order: /proc/net/snmp and /proc/net/netstat print them as they stand.

const words = (s: string): readonly string[] => s.split(/\s+/).filter(Boolean);

/** snmp4_ipstats_list, then snmp4_ipextstats_list (/proc/net/netstat's IpExt): one ipstats_mib. */
export const IPSTATS_LIST = [
  'InReceives', 'InHdrErrors', 'InAddrErrors', 'ForwDatagrams', 'InUnknownProtos', 'InDiscards', 'InDelivers', 'OutRequests',
  'OutDiscards', 'OutNoRoutes', 'ReasmTimeout', 'ReasmReqds', 'ReasmOKs', 'ReasmFails', 'FragOKs', 'FragFails', 'FragCreates',
] as const;
export const IPEXT_LIST = [
  'InNoRoutes', 'InTruncatedPkts', 'InMcastPkts', 'OutMcastPkts', 'InBcastPkts', 'OutBcastPkts', 'InOctets', 'OutOctets',
  'InMcastOctets', 'OutMcastOctets', 'InBcastOctets', 'OutBcastOctets', 'InCsumErrors', 'InNoECTPkts', 'InECT1Pkts',
  'InECT0Pkts', 'InCEPkts', 'ReasmOverlaps',
] as const;
/** The icmp_mib fields and icmpmibmap's (name, type) pairs, In then Out. */
export const ICMP_LIST = ['InMsgs', 'InErrors', 'InCsumErrors', 'OutMsgs', 'OutErrors', 'OutRateLimitGlobal', 'OutRateLimitHost'] as const;
export const ICMPMIBMAP: readonly [string, number][] = [
  ['DestUnreachs', 3], ['TimeExcds', 11], ['ParmProbs', 12], ['SrcQuenchs', 4], ['Redirects', 5], ['Echos', 8],
  ['EchoReps', 0], ['Timestamps', 13], ['TimestampReps', 14], ['AddrMasks', 17], ['AddrMaskReps', 18],
];
export const TCP_LIST = [
  'RtoAlgorithm', 'RtoMin', 'RtoMax', 'MaxConn', 'ActiveOpens', 'PassiveOpens', 'AttemptFails', 'EstabResets', 'CurrEstab',
  'InSegs', 'OutSegs', 'RetransSegs', 'InErrs', 'OutRsts', 'InCsumErrors',
] as const;
/** snmp4_udp_list: UDP and UDP-Lite count the same fields. */
export const UDP_LIST = [
  'InDatagrams', 'NoPorts', 'InErrors', 'OutDatagrams', 'RcvbufErrors', 'SndbufErrors', 'InCsumErrors', 'IgnoredMulti', 'MemErrors',
] as const;
/** snmp4_net_list (linux_mib, /proc/net/netstat's TcpExt). */
export const LINUX_MIB_LIST = words(`SyncookiesSent SyncookiesRecv SyncookiesFailed EmbryonicRsts PruneCalled RcvPruned OfoPruned
  OutOfWindowIcmps LockDroppedIcmps ArpFilter TW TWRecycled TWKilled PAWSActive PAWSEstab DelayedACKs DelayedACKLocked
  DelayedACKLost ListenOverflows ListenDrops TCPHPHits TCPPureAcks TCPHPAcks TCPRenoRecovery TCPSackRecovery TCPSACKReneging
  TCPSACKReorder TCPRenoReorder TCPTSReorder TCPFullUndo TCPPartialUndo TCPDSACKUndo TCPLossUndo TCPLostRetransmit
  TCPRenoFailures TCPSackFailures TCPLossFailures TCPFastRetrans TCPSlowStartRetrans TCPTimeouts TCPLossProbes
  TCPLossProbeRecovery TCPRenoRecoveryFail TCPSackRecoveryFail TCPRcvCollapsed TCPBacklogCoalesce TCPDSACKOldSent
  TCPDSACKOfoSent TCPDSACKRecv TCPDSACKOfoRecv TCPAbortOnData TCPAbortOnClose TCPAbortOnMemory TCPAbortOnTimeout
  TCPAbortOnLinger TCPAbortFailed TCPMemoryPressures TCPMemoryPressuresChrono TCPSACKDiscard TCPDSACKIgnoredOld
  TCPDSACKIgnoredNoUndo TCPSpuriousRTOs TCPMD5NotFound TCPMD5Unexpected TCPMD5Failure TCPSackShifted TCPSackMerged
  TCPSackShiftFallback TCPBacklogDrop PFMemallocDrop TCPMinTTLDrop TCPDeferAcceptDrop IPReversePathFilter
  TCPTimeWaitOverflow TCPReqQFullDoCookies TCPReqQFullDrop TCPRetransFail TCPRcvCoalesce TCPOFOQueue TCPOFODrop TCPOFOMerge
  TCPChallengeACK TCPSYNChallenge TCPFastOpenActive TCPFastOpenActiveFail TCPFastOpenPassive TCPFastOpenPassiveFail
  TCPFastOpenListenOverflow TCPFastOpenCookieReqd TCPFastOpenBlackhole TCPSpuriousRtxHostQueues BusyPollRxPackets
  TCPAutoCorking TCPFromZeroWindowAdv TCPToZeroWindowAdv TCPWantZeroWindowAdv TCPSynRetrans TCPOrigDataSent
  TCPHystartTrainDetect TCPHystartTrainCwnd TCPHystartDelayDetect TCPHystartDelayCwnd TCPACKSkippedSynRecv
  TCPACKSkippedPAWS TCPACKSkippedSeq TCPACKSkippedFinWait2 TCPACKSkippedTimeWait TCPACKSkippedChallenge TCPWinProbe
  TCPKeepAlive TCPMTUPFail TCPMTUPSuccess TCPDelivered TCPDeliveredCE TCPAckCompressed TCPZeroWindowDrop TCPRcvQDrop
  TCPWqueueTooBig TCPFastOpenPassiveAltKey TcpTimeoutRehash TcpDuplicateDataRehash TCPDSACKRecvSegs
  TCPDSACKIgnoredDubious TCPMigrateReqSuccess TCPMigrateReqFailure`);
/** net/mptcp/mib.c's mptcp_snmp_list: Debian builds MPTCP in, netstat prints it; the workbench has no MPTCP sockets, so it stays 0. */
export const MPTCP_LIST = words(`MPCapableSYNRX MPCapableSYNTX MPCapableSYNACKRX MPCapableACKRX MPCapableFallbackACK
  MPCapableFallbackSYNACK MPCapableEndpAttempt MPFallbackTokenInit MPTCPRetrans MPJoinNoTokenFound MPJoinSynRx
  MPJoinSynBackupRx MPJoinSynAckRx MPJoinSynAckBackupRx MPJoinSynAckHMacFailure MPJoinAckRx MPJoinAckHMacFailure
  DSSNotMatching DSSCorruptionFallback DSSCorruptionReset InfiniteMapTx InfiniteMapRx DSSNoMatchTCP DataCsumErr OFOQueueTail
  OFOQueue OFOMerge NoDSSInWindow DuplicateData AddAddr EchoAdd PortAdd AddAddrDrop MPJoinPortSynRx MPJoinPortSynAckRx
  MPJoinPortAckRx MismatchPortSynRx MismatchPortAckRx RmAddr RmAddrDrop RmSubflow MPPrioTx MPPrioRx MPFailTx MPFailRx
  MPFastcloseTx MPFastcloseRx MPRstTx MPRstRx RcvPruned SubflowStale SubflowRecover SndWndShared RcvWndShared
  RcvWndConflictUpdate RcvWndConflict`);

type ip_item = (typeof IPSTATS_LIST)[number] | (typeof IPEXT_LIST)[number];
type icmp_item = (typeof ICMP_LIST)[number];
type tcp_item = (typeof TCP_LIST)[number];
type udp_item = (typeof UDP_LIST)[number];
/** The linux_mib fields the workbench's TCP counts (the rest of TcpExt stays 0: no timers, no SACK, no loss). */
type linux_mib_item = 'TW' | 'ListenOverflows' | 'ListenDrops' | 'EmbryonicRsts' | 'TCPAbortOnClose';
type mib = Map<string, number>;

/** struct netns_mib: the namespace's counters by field name; icmpmsg by type (| 0x100 for Out). */
export interface netns_mib { ip: mib; icmp: mib; icmpmsg: Map<number, number>; tcp: mib; udp: mib; udplite: mib; net: mib }

/** ipv4_mib_init_net(): zeroed counters, then tcp_mib_init's constants (RFC 2012: Van Jacobson's RTO, 200 ms to 120 s, no connection limit). */
export function ipv4_mib_init_net(): netns_mib {
  const tcp: mib = new Map([['RtoAlgorithm', 1], ['RtoMin', 200], ['RtoMax', 120_000], ['MaxConn', -1]]);
  return { ip: new Map(), icmp: new Map(), icmpmsg: new Map(), tcp, udp: new Map(), udplite: new Map(), net: new Map() };
}

const add = (m: mib, field: string, v: number): void => { m.set(field, (m.get(field) ?? 0) + v); };

/** Anything holding its namespace's MIB (struct net). */
interface has_mib { mib: netns_mib }

export function IP_ADD_STATS(n: has_mib, field: ip_item, v: number): void { add(n.mib.ip, field, v); }
export function IP_INC_STATS(n: has_mib, field: ip_item): void { add(n.mib.ip, field, 1); }
/** IP_UPD_PO_STATS(): packets and octets of one direction (InReceives/InOctets, OutRequests/OutOctets, the Bcast pairs). */
export function IP_UPD_PO_STATS(n: has_mib, pkts: ip_item, octets: ip_item, len: number): void {
  add(n.mib.ip, pkts, 1); add(n.mib.ip, octets, len);
}
export function ICMP_INC_STATS(n: has_mib, field: icmp_item): void { add(n.mib.icmp, field, 1); }
export function ICMPMSGIN_INC_STATS(n: has_mib, type: number): void { n.mib.icmpmsg.set(type & 0xff, (n.mib.icmpmsg.get(type & 0xff) ?? 0) + 1); }
export function ICMPMSGOUT_INC_STATS(n: has_mib, type: number): void {
  const k = 0x100 | (type & 0xff);
  n.mib.icmpmsg.set(k, (n.mib.icmpmsg.get(k) ?? 0) + 1);
}
export function TCP_INC_STATS(n: has_mib, field: tcp_item): void { add(n.mib.tcp, field, 1); }
export function TCP_DEC_STATS(n: has_mib, field: tcp_item): void { add(n.mib.tcp, field, -1); }
export function UDP_INC_STATS(n: has_mib, field: udp_item, is_udplite: boolean): void { add(is_udplite ? n.mib.udplite : n.mib.udp, field, 1); }
export function NET_INC_STATS(n: has_mib, field: linux_mib_item): void { add(n.mib.net, field, 1); }

/** One counter as the fold reads it (0 if never counted). */
export const snmp_fold_field = (m: mib, field: string): number => m.get(field) ?? 0;
