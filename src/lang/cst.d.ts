// Generated from the parser by `npm run grammar` (chevrotain generateCstDts); do not edit.
// test/lang/grammar-docs.test.ts fails when this drifts from src/lang/parser.ts.
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface ScenarioCstNode extends CstNode {
  name: "scenario";
  children: ScenarioCstChildren;
}

export type ScenarioCstChildren = {
  item?: ItemCstNode[];
};

export interface ItemCstNode extends CstNode {
  name: "item";
  children: ItemCstChildren;
}

export type ItemCstChildren = {
  machineBlock?: MachineBlockCstNode[];
  cpusBlock?: CpusBlockCstNode[];
  kernelBlock?: KernelBlockCstNode[];
  policyDefinition?: PolicyDefinitionCstNode[];
  bufferDeclaration?: BufferDeclarationCstNode[];
  vmallocDeclaration?: VmallocDeclarationCstNode[];
  bootBlock?: BootBlockCstNode[];
  expectItem?: ExpectItemCstNode[];
  showItem?: ShowItemCstNode[];
  chartItem?: ChartItemCstNode[];
  compareItem?: CompareItemCstNode[];
  sweepItem?: SweepItemCstNode[];
  runItem?: RunItemCstNode[];
  printItem?: PrintItemCstNode[];
  loadItem?: LoadItemCstNode[];
  Semicolon?: IToken[];
};

export interface AddressCstNode extends CstNode {
  name: "address";
  children: AddressCstChildren;
}

export type AddressCstChildren = {
  HexLiteral?: IToken[];
  DecimalLiteral?: IToken[];
};

export interface SizeValueCstNode extends CstNode {
  name: "sizeValue";
  children: SizeValueCstChildren;
}

export type SizeValueCstChildren = {
  SizeLiteral?: IToken[];
  HexLiteral?: IToken[];
  DecimalLiteral?: IToken[];
};

export interface RegionCstNode extends CstNode {
  name: "region";
  children: RegionCstChildren;
}

export type RegionCstChildren = {
  LBracket?: IToken[];
  start?: AddressCstNode[];
  DotDot?: IToken[];
  end?: AddressCstNode[];
  RParen?: IToken[];
  base?: AddressCstNode[];
  Size?: IToken[];
  sizeValue?: SizeValueCstNode[];
};

export interface NameCstNode extends CstNode {
  name: "name";
  children: NameCstChildren;
}

export type NameCstChildren = {
  Identifier?: IToken[];
  Text?: IToken[];
  Init?: IToken[];
  Data?: IToken[];
  Image?: IToken[];
  Memory?: IToken[];
  Nomap?: IToken[];
  Granule?: IToken[];
  Version?: IToken[];
  Realm?: IToken[];
  Config?: IToken[];
  Swiotlb?: IToken[];
  Cmdline?: IToken[];
  Late?: IToken[];
  Returns?: IToken[];
  Pages?: IToken[];
  Flushes?: IToken[];
  Splits?: IToken[];
  Cpu?: IToken[];
  VaBits?: IToken[];
  Align?: IToken[];
  Kaslr?: IToken[];
  Seed?: IToken[];
  Alias?: IToken[];
  PaBits?: IToken[];
  From?: IToken[];
  Step?: IToken[];
};

export interface VersionNameCstNode extends CstNode {
  name: "versionName";
  children: VersionNameCstChildren;
}

export type VersionNameCstChildren = {
  VersionLiteral?: IToken[];
  Identifier?: IToken[];
};

export interface PageIndexCstNode extends CstNode {
  name: "pageIndex";
  children: PageIndexCstChildren;
}

export type PageIndexCstChildren = {
  IndexOpen: IToken[];
  first: IToken[];
  RBracket?: IToken[];
  DotDot?: IToken[];
  end?: IToken[];
  RParen?: IToken[];
};

export interface TargetCstNode extends CstNode {
  name: "target";
  children: TargetCstChildren;
}

export type TargetCstChildren = {
  name?: NameCstNode[];
  pageIndex?: PageIndexCstNode[];
  region?: RegionCstNode[];
};

export interface StepRefCstNode extends CstNode {
  name: "stepRef";
  children: StepRefCstChildren;
}

export type StepRefCstChildren = {
  At?: IToken[];
  Before?: IToken[];
  After?: IToken[];
  step: IToken[];
};

export interface CpuIdsCstNode extends CstNode {
  name: "cpuIds";
  children: CpuIdsCstChildren;
}

export type CpuIdsCstChildren = {
  first: IToken[];
  DotDot?: IToken[];
  Dash?: IToken[];
  last?: IToken[];
};

export interface MachineBlockCstNode extends CstNode {
  name: "machineBlock";
  children: MachineBlockCstChildren;
}

export type MachineBlockCstChildren = {
  Machine: IToken[];
  LCurly: IToken[];
  machineStatement?: MachineStatementCstNode[];
  Semicolon?: IToken[];
  RCurly: IToken[];
};

export interface MachineStatementCstNode extends CstNode {
  name: "machineStatement";
  children: MachineStatementCstChildren;
}

export type MachineStatementCstChildren = {
  Granule?: IToken[];
  sizeValue?: SizeValueCstNode[];
  VaBits?: IToken[];
  DecimalLiteral?: IToken[];
  PaBits?: IToken[];
  paBits?: IToken[];
  Memory?: IToken[];
  region?: (RegionCstNode)[];
  Nomap?: IToken[];
  imageStatement?: ImageStatementCstNode[];
};

export interface ImageStatementCstNode extends CstNode {
  name: "imageStatement";
  children: ImageStatementCstChildren;
}

export type ImageStatementCstChildren = {
  Image: IToken[];
  At?: IToken[];
  address?: AddressCstNode[];
  Text?: IToken[];
  textSize?: SizeValueCstNode[];
  Init?: IToken[];
  initSize?: SizeValueCstNode[];
  Data?: IToken[];
  dataSize?: SizeValueCstNode[];
};

export interface CpusBlockCstNode extends CstNode {
  name: "cpusBlock";
  children: CpusBlockCstChildren;
}

export type CpusBlockCstChildren = {
  Cpus: IToken[];
  LCurly: IToken[];
  cpuStatement?: CpuStatementCstNode[];
  Semicolon?: IToken[];
  RCurly: IToken[];
};

export interface CpuStatementCstNode extends CstNode {
  name: "cpuStatement";
  children: CpuStatementCstChildren;
}

export type CpuStatementCstChildren = {
  Cpu: IToken[];
  cpuIds: CpuIdsCstNode[];
  trait?: IToken[];
  RevisionLiteral?: IToken[];
  Boot?: IToken[];
  Late?: IToken[];
};

export interface KernelBlockCstNode extends CstNode {
  name: "kernelBlock";
  children: KernelBlockCstChildren;
}

export type KernelBlockCstChildren = {
  Kernel: IToken[];
  LCurly: IToken[];
  kernelStatement?: KernelStatementCstNode[];
  Semicolon?: IToken[];
  RCurly: IToken[];
};

export interface KernelStatementCstNode extends CstNode {
  name: "kernelStatement";
  children: KernelStatementCstChildren;
}

export type KernelStatementCstChildren = {
  Version?: IToken[];
  Policy?: IToken[];
  versionName?: VersionNameCstNode[];
  Cmdline?: IToken[];
  StringLiteral?: IToken[];
  Realm?: IToken[];
  Config?: IToken[];
  option?: IToken[];
  Equals?: IToken[];
  word?: IToken[];
  DecimalLiteral?: IToken[];
  HexLiteral?: IToken[];
  Swiotlb?: IToken[];
  sizeValue?: SizeValueCstNode[];
  Kaslr?: IToken[];
  Seed?: IToken[];
  seed?: (IToken)[];
  Alias?: IToken[];
  aliasStart?: IToken[];
};

export interface PolicyDefinitionCstNode extends CstNode {
  name: "policyDefinition";
  children: PolicyDefinitionCstChildren;
}

export type PolicyDefinitionCstChildren = {
  Policy: IToken[];
  policyName: IToken[];
  From: IToken[];
  base: VersionNameCstNode[];
  LCurly: IToken[];
  policySetting?: PolicySettingCstNode[];
  Semicolon?: IToken[];
  RCurly: IToken[];
};

export interface PolicySettingCstNode extends CstNode {
  name: "policySetting";
  children: PolicySettingCstChildren;
}

export type PolicySettingCstChildren = {
  setting: IToken[];
  value?: (IToken)[];
};

export interface BufferDeclarationCstNode extends CstNode {
  name: "bufferDeclaration";
  children: BufferDeclarationCstChildren;
}

export type BufferDeclarationCstChildren = {
  Buffer: IToken[];
  name: NameCstNode[];
  At?: (IToken)[];
  address?: (AddressCstNode)[];
  Size?: (IToken)[];
  size?: (SizeValueCstNode)[];
  Align?: IToken[];
  alignment?: SizeValueCstNode[];
};

export interface VmallocDeclarationCstNode extends CstNode {
  name: "vmallocDeclaration";
  children: VmallocDeclarationCstChildren;
}

export type VmallocDeclarationCstChildren = {
  Vmalloc: IToken[];
  name: NameCstNode[];
  At?: (IToken)[];
  address?: (AddressCstNode)[];
  Size: IToken[];
  sizeValue: SizeValueCstNode[];
};

export interface BootBlockCstNode extends CstNode {
  name: "bootBlock";
  children: BootBlockCstChildren;
}

export type BootBlockCstChildren = {
  Boot: IToken[];
  LCurly: IToken[];
  callsAt?: CallsAtCstNode[];
  moveStatement?: MoveStatementCstNode[];
  cpuEvent?: CpuEventCstNode[];
  Semicolon?: IToken[];
  RCurly: IToken[];
};

export interface CallsAtCstNode extends CstNode {
  name: "callsAt";
  children: CallsAtCstChildren;
}

export type CallsAtCstChildren = {
  stepRef: StepRefCstNode[];
  Colon?: IToken[];
  callStatement?: (CallStatementCstNode)[];
  LCurly?: IToken[];
  Semicolon?: IToken[];
  RCurly?: IToken[];
};

export interface CallStatementCstNode extends CstNode {
  name: "callStatement";
  children: CallStatementCstChildren;
}

export type CallStatementCstChildren = {
  call: IToken[];
  target?: TargetCstNode[];
  argument?: IToken[];
  On?: IToken[];
  Cpu?: IToken[];
  cpu?: IToken[];
};

export interface MoveStatementCstNode extends CstNode {
  name: "moveStatement";
  children: MoveStatementCstChildren;
}

export type MoveStatementCstChildren = {
  Move: IToken[];
  call: IToken[];
  To?: IToken[];
  Before?: IToken[];
  After?: IToken[];
  step: IToken[];
};

export interface CpuEventCstNode extends CstNode {
  name: "cpuEvent";
  children: CpuEventCstChildren;
}

export type CpuEventCstChildren = {
  Online?: IToken[];
  Hotplug?: IToken[];
  Cpu: IToken[];
  cpuIds: CpuIdsCstNode[];
  stepRef: StepRefCstNode[];
};

export interface ExpectItemCstNode extends CstNode {
  name: "expectItem";
  children: ExpectItemCstChildren;
}

export type ExpectItemCstChildren = {
  Expect: IToken[];
  Under?: IToken[];
  under?: (VersionNameCstNode)[];
  Comma?: IToken[];
  Colon?: IToken[];
  expectation?: (ExpectationCstNode)[];
  LCurly?: IToken[];
  Semicolon?: IToken[];
  RCurly?: IToken[];
};

export interface ExpectationCstNode extends CstNode {
  name: "expectation";
  children: ExpectationCstChildren;
}

export type ExpectationCstChildren = {
  Pagetables?: IToken[];
  pagetableCount?: IToken[];
  stepRef?: (StepRefCstNode)[];
  Warns?: IToken[];
  warnCount?: IToken[];
  region?: RegionCstNode[];
  rangeExpectation?: (RangeExpectationCstNode)[];
  dumpView?: IToken[];
  Matches?: IToken[];
  dumpFile?: IToken[];
  dumpRange?: RegionCstNode[];
  subject?: NameCstNode[];
  pageIndex?: PageIndexCstNode[];
  callExpectation?: CallExpectationCstNode[];
};

export interface RangeExpectationCstNode extends CstNode {
  name: "rangeExpectation";
  children: RangeExpectationCstChildren;
}

export type RangeExpectationCstChildren = {
  Leaf?: IToken[];
  sizeValue?: SizeValueCstNode[];
  Is?: IToken[];
  attribute?: (IToken)[];
  Comma?: IToken[];
  stepRef?: StepRefCstNode[];
};

export interface CallExpectationCstNode extends CstNode {
  name: "callExpectation";
  children: CallExpectationCstChildren;
}

export type CallExpectationCstChildren = {
  target?: TargetCstNode[];
  stepRef?: StepRefCstNode[];
  EqualsEquals?: IToken[];
  returnCode?: ReturnCodeCstNode[];
  Colon?: IToken[];
  callOutcome?: (CallOutcomeCstNode)[];
  Comma?: IToken[];
};

export interface ReturnCodeCstNode extends CstNode {
  name: "returnCode";
  children: ReturnCodeCstChildren;
}

export type ReturnCodeCstChildren = {
  ErrnoLiteral?: IToken[];
  DecimalLiteral?: IToken[];
};

export interface CallOutcomeCstNode extends CstNode {
  name: "callOutcome";
  children: CallOutcomeCstChildren;
}

export type CallOutcomeCstChildren = {
  Returns?: IToken[];
  returnCode?: ReturnCodeCstNode[];
  Warns?: IToken[];
  Pages?: IToken[];
  Flushes?: IToken[];
  Splits?: IToken[];
  count?: IToken[];
};

export interface ShowItemCstNode extends CstNode {
  name: "showItem";
  children: ShowItemCstChildren;
}

export type ShowItemCstChildren = {
  Show: IToken[];
  view: (IToken)[];
  target?: (TargetCstNode)[];
  Comma?: IToken[];
  stepRef?: StepRefCstNode[];
};

export interface ChartItemCstNode extends CstNode {
  name: "chartItem";
  children: ChartItemCstChildren;
}

export type ChartItemCstChildren = {
  Chart: IToken[];
  chart?: (IToken)[];
  target?: TargetCstNode[];
  stepRef?: StepRefCstNode[];
};

export interface CompareItemCstNode extends CstNode {
  name: "compareItem";
  children: CompareItemCstChildren;
}

export type CompareItemCstChildren = {
  Compare: IToken[];
  versionName: (VersionNameCstNode)[];
  Comma?: IToken[];
};

export interface SweepItemCstNode extends CstNode {
  name: "sweepItem";
  children: SweepItemCstChildren;
}

export type SweepItemCstChildren = {
  Sweep: IToken[];
  sweepAxis: (SweepAxisCstNode)[];
  By?: IToken[];
};

export interface SweepAxisCstNode extends CstNode {
  name: "sweepAxis";
  children: SweepAxisCstChildren;
}

export type SweepAxisCstChildren = {
  axis?: NameCstNode[];
  policyAxis?: IToken[];
  At?: IToken[];
  Size?: IToken[];
  sweepRange?: SweepRangeCstNode[];
  sweepValue?: (SweepValueCstNode)[];
  Comma?: IToken[];
};

export interface SweepRangeCstNode extends CstNode {
  name: "sweepRange";
  children: SweepRangeCstChildren;
}

export type SweepRangeCstChildren = {
  from: SizeValueCstNode[];
  DotDot: IToken[];
  to: SizeValueCstNode[];
  Step: IToken[];
  step: SizeValueCstNode[];
};

export interface SweepValueCstNode extends CstNode {
  name: "sweepValue";
  children: SweepValueCstChildren;
}

export type SweepValueCstChildren = {
  VersionLiteral?: IToken[];
  Identifier?: IToken[];
  SizeLiteral?: IToken[];
  HexLiteral?: IToken[];
  DecimalLiteral?: IToken[];
  On?: IToken[];
};

export interface RunItemCstNode extends CstNode {
  name: "runItem";
  children: RunItemCstChildren;
}

export type RunItemCstChildren = {
  Run: IToken[];
  Policy?: IToken[];
  Version?: IToken[];
  versionName?: VersionNameCstNode[];
};

export interface PrintItemCstNode extends CstNode {
  name: "printItem";
  children: PrintItemCstChildren;
}

export type PrintItemCstChildren = {
  Print: IToken[];
  StringLiteral: IToken[];
};

export interface LoadItemCstNode extends CstNode {
  name: "loadItem";
  children: LoadItemCstChildren;
}

export type LoadItemCstChildren = {
  Load: IToken[];
  what: IToken[];
  file: IToken[];
  As: IToken[];
  alias: IToken[];
};

export interface ICstNodeVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  scenario(children: ScenarioCstChildren, param?: IN): OUT;
  item(children: ItemCstChildren, param?: IN): OUT;
  address(children: AddressCstChildren, param?: IN): OUT;
  sizeValue(children: SizeValueCstChildren, param?: IN): OUT;
  region(children: RegionCstChildren, param?: IN): OUT;
  name(children: NameCstChildren, param?: IN): OUT;
  versionName(children: VersionNameCstChildren, param?: IN): OUT;
  pageIndex(children: PageIndexCstChildren, param?: IN): OUT;
  target(children: TargetCstChildren, param?: IN): OUT;
  stepRef(children: StepRefCstChildren, param?: IN): OUT;
  cpuIds(children: CpuIdsCstChildren, param?: IN): OUT;
  machineBlock(children: MachineBlockCstChildren, param?: IN): OUT;
  machineStatement(children: MachineStatementCstChildren, param?: IN): OUT;
  imageStatement(children: ImageStatementCstChildren, param?: IN): OUT;
  cpusBlock(children: CpusBlockCstChildren, param?: IN): OUT;
  cpuStatement(children: CpuStatementCstChildren, param?: IN): OUT;
  kernelBlock(children: KernelBlockCstChildren, param?: IN): OUT;
  kernelStatement(children: KernelStatementCstChildren, param?: IN): OUT;
  policyDefinition(children: PolicyDefinitionCstChildren, param?: IN): OUT;
  policySetting(children: PolicySettingCstChildren, param?: IN): OUT;
  bufferDeclaration(children: BufferDeclarationCstChildren, param?: IN): OUT;
  vmallocDeclaration(children: VmallocDeclarationCstChildren, param?: IN): OUT;
  bootBlock(children: BootBlockCstChildren, param?: IN): OUT;
  callsAt(children: CallsAtCstChildren, param?: IN): OUT;
  callStatement(children: CallStatementCstChildren, param?: IN): OUT;
  moveStatement(children: MoveStatementCstChildren, param?: IN): OUT;
  cpuEvent(children: CpuEventCstChildren, param?: IN): OUT;
  expectItem(children: ExpectItemCstChildren, param?: IN): OUT;
  expectation(children: ExpectationCstChildren, param?: IN): OUT;
  rangeExpectation(children: RangeExpectationCstChildren, param?: IN): OUT;
  callExpectation(children: CallExpectationCstChildren, param?: IN): OUT;
  returnCode(children: ReturnCodeCstChildren, param?: IN): OUT;
  callOutcome(children: CallOutcomeCstChildren, param?: IN): OUT;
  showItem(children: ShowItemCstChildren, param?: IN): OUT;
  chartItem(children: ChartItemCstChildren, param?: IN): OUT;
  compareItem(children: CompareItemCstChildren, param?: IN): OUT;
  sweepItem(children: SweepItemCstChildren, param?: IN): OUT;
  sweepAxis(children: SweepAxisCstChildren, param?: IN): OUT;
  sweepRange(children: SweepRangeCstChildren, param?: IN): OUT;
  sweepValue(children: SweepValueCstChildren, param?: IN): OUT;
  runItem(children: RunItemCstChildren, param?: IN): OUT;
  printItem(children: PrintItemCstChildren, param?: IN): OUT;
  loadItem(children: LoadItemCstChildren, param?: IN): OUT;
}
