import type { Module } from '@nabla/nn';
import type { History } from '@nabla/train';

export function weightBytes(model: Module): Buffer;
export function historyNumbers(history: History): Float64Array;
export function historyBytes(history: History): Buffer;
export function sha256(bytes: Uint8Array): string;
