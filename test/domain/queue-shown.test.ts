import { describe, expect, it } from 'vitest'
import { moveOne, placeWithin } from '../../src/domain/queue.js'

describe('reordering a filtered view of the queue', () => {
  it('puts the shown orders, in their new order, into the places they held; hidden ones stay put', () => {
    expect(placeWithin([1, 2, 3, 4, 5], [4, 2])).toEqual([1, 4, 3, 2, 5])
    expect(placeWithin([1, 2, 3], [3, 2, 1])).toEqual([3, 2, 1])
    expect(placeWithin([1, 2, 3], [])).toEqual([1, 2, 3])
  })

  it('moves one order up or down, and leaves the ends and unknown numbers alone', () => {
    expect(moveOne([1, 2, 3], 2, 'up')).toEqual([2, 1, 3])
    expect(moveOne([1, 2, 3], 2, 'down')).toEqual([1, 3, 2])
    expect(moveOne([1, 2, 3], 1, 'up')).toEqual([1, 2, 3])
    expect(moveOne([1, 2, 3], 3, 'down')).toEqual([1, 2, 3])
    expect(moveOne([1, 2, 3], 9, 'up')).toEqual([1, 2, 3])
  })
})
